using WsLoad.Server.Stats;

namespace WsLoad.Server.Faults;

/// <summary>
/// The server-wide stall: while it is closed, echo replies are held (not lost); when it opens, they go out in order.
/// A stall started while one runs extends it to the later end. One timer opens it, so 10,000 held connections cost one
/// timer, not one each. Threading: safe from any thread; <see cref="IsStalled"/> is one volatile read.
/// </summary>
internal sealed class StallGate : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ServerCounters _counters;
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private TaskCompletionSource? _open;
    private long _until;

    public StallGate(TimeProvider time, ServerCounters counters)
    {
        _time = time;
        _counters = counters;
        _timer = time.CreateTimer(static state => ((StallGate)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether replies are held now.</summary>
    public bool IsStalled => Volatile.Read(ref _open) is not null;

    /// <summary>Completes when no stall runs (at once if none does).</summary>
    public Task WhenOpen => Volatile.Read(ref _open)?.Task ?? Task.CompletedTask;

    /// <summary>Holds every reply for <paramref name="duration"/> from now (or until a running stall ends, if later).</summary>
    public void Stall(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var end = now + (long)(duration.TotalSeconds * _time.TimestampFrequency);
            var from = _open is null ? now : _until;
            if (end <= from)
            {
                return; // inside the running stall already
            }

            if (_open is null)
            {
                _counters.StallStarted();
                Volatile.Write(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            _counters.Stalled(_time.GetElapsedTime(from, end));
            _until = end;
            _timer.Change(duration, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Ends any stall now (the server is stopping).</summary>
    public void Release()
    {
        lock (_lock)
        {
            Open();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Release();
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            var remaining = _time.GetElapsedTime(_time.GetTimestamp(), _until);
            if (remaining > TimeSpan.Zero)
            {
                _timer.Change(remaining, Timeout.InfiniteTimeSpan); // a timer may fire a hair before the timestamp says
                return;
            }

            Open();
        }
    }

    private void Open()
    {
        var open = _open;
        Volatile.Write(ref _open, null);
        open?.TrySetResult();
    }
}
