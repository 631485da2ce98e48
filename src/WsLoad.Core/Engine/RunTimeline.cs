using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// The events of a run, in the order they were recorded, timed on the run's clock. Anything that injects or observes
/// a fault records it here (the chaos proxy, server fault triggers, reconnects); run.json keeps them as <c>events</c>.
/// At most <see cref="Capacity"/> are kept; the rest are counted. The sampler hands each interval's new events on with
/// <see cref="TakeNew"/>. Threading: safe from any thread.
/// </summary>
internal sealed class RunTimeline
{
    public const int Capacity = 10_000;

    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly List<RunEvent> _events = [];
    private readonly Lock _lock = new();
    private int _taken;
    private long _dropped;

    public RunTimeline(TimeProvider time, long startTimestamp)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _start = startTimestamp;
    }

    /// <summary>Seconds since the run started, as events carry them.</summary>
    public double Now => Math.Round(_time.GetElapsedTime(_start).TotalSeconds, 3);

    /// <summary>Events not kept because <see cref="Capacity"/> was reached.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records an event happening now.</summary>
    public void Record(RunEventSource source, string kind, string description, long? count = null, TimeSpan? duration = null) =>
        Record(new RunEvent { AtSeconds = Now, Source = source, Kind = kind, Description = description, Count = count, DurationSeconds = duration?.TotalSeconds });

    public void Record(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        lock (_lock)
        {
            if (_events.Count >= Capacity)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            _events.Add(runEvent);
        }
    }

    /// <summary>The events recorded since the last call, in the order they were recorded.</summary>
    public IReadOnlyList<RunEvent> TakeNew()
    {
        lock (_lock)
        {
            if (_taken == _events.Count)
            {
                return [];
            }

            var fresh = _events.GetRange(_taken, _events.Count - _taken);
            _taken = _events.Count;
            return fresh;
        }
    }

    /// <summary>The events so far, by time (stable for equal times).</summary>
    public IReadOnlyList<RunEvent> Snapshot()
    {
        lock (_lock)
        {
            return [.. _events.OrderBy(e => e.AtSeconds)];
        }
    }
}
