using WsLoad.Server.Connections;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Faults;

/// <summary>
/// The fault plan in force, replaceable at run time (<c>PUT /admin/faults</c>). A new plan starts afresh: its
/// every-Nth counts and seeded percentages restart, and its timed faults (<see cref="ServerFaults.CloseAllAfter"/>,
/// <see cref="ServerFaults.StallAt"/>) count from when it was put in force (the server's start, for the first plan).
/// Threading: <see cref="Current"/> is one volatile read, and each decision reads it once, so it sees one whole plan;
/// <see cref="Replace"/> is safe from any thread (replacements are serialised).
/// </summary>
internal sealed class LiveFaultPlan : IDisposable
{
    private readonly ConnectionRegistry _registry;
    private readonly StallGate _stall;
    private readonly ServerCounters _counters;
    private readonly TimeProvider _time;
    private readonly TimeSpan _closeTimeout;
    private readonly Lock _lock = new();
    private FaultPlan _current;
    private ITimer? _closeAllTimer;
    private ITimer? _stallAtTimer;
    private bool _armed;

    public LiveFaultPlan(ServerFaults initial, ConnectionRegistry registry, StallGate stall, ServerCounters counters, TimeProvider time, TimeSpan closeTimeout)
    {
        _current = new FaultPlan(initial);
        _registry = registry;
        _stall = stall;
        _counters = counters;
        _time = time;
        _closeTimeout = closeTimeout;
    }

    public FaultPlan Current => Volatile.Read(ref _current);

    /// <summary>Starts the timed faults of the plan in force (once the server listens).</summary>
    public void Arm()
    {
        lock (_lock)
        {
            _armed = true;
            ArmTimers(_current.Faults);
        }
    }

    /// <summary>Puts <paramref name="faults"/> in force (validated by the caller); <see cref="ServerFaults.None"/> clears.</summary>
    public void Replace(ServerFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        lock (_lock)
        {
            DisposeTimers();
            Volatile.Write(ref _current, new FaultPlan(faults));
            if (_armed)
            {
                ArmTimers(faults);
            }
        }
    }

    /// <summary>Stops the timed faults (the server is stopping).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _armed = false;
            DisposeTimers();
        }
    }

    private void ArmTimers(ServerFaults faults)
    {
        if (faults.CloseAllAfter is { } after)
        {
            _closeAllTimer = _time.CreateTimer(_ => CloseAll(faults), null, after, Timeout.InfiniteTimeSpan);
        }

        if (faults.StallAt is { } stallAt)
        {
            var stallFor = faults.StallFor;
            _stallAtTimer = _time.CreateTimer(_ => _stall.Stall(stallFor), null, stallAt, Timeout.InfiniteTimeSpan);
        }
    }

    private void DisposeTimers()
    {
        _closeAllTimer?.Dispose();
        _stallAtTimer?.Dispose();
        _closeAllTimer = null;
        _stallAtTimer = null;
    }

    private void CloseAll(ServerFaults faults)
    {
        foreach (var connection in _registry.All())
        {
            if (!connection.IsClosing)
            {
                _counters.ClosedByFault();
                _ = connection.CloseAsync(faults.CloseCode, faults.CloseReason, _closeTimeout);
            }
        }
    }
}
