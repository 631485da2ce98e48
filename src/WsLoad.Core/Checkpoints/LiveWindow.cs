using WsLoad.Metrics;

namespace WsLoad.Checkpoints;

/// <summary>
/// What the live metrics read: the run's snapshots so far, as the last <see cref="CheckpointCondition.MaxWindow"/> of
/// them (for windows such as <c>[10s]</c>) and as running totals since the start (for conditions without a window).
/// Fed one snapshot a second, in order. Not thread-safe: one judge owns it.
/// </summary>
internal sealed class LiveWindow
{
    private readonly Queue<IntervalSnapshot> _recent = new();
    private readonly Dictionary<string, HistogramCounts> _totalHistograms = new(StringComparer.Ordinal);

    /// <summary>The newest snapshot; null before the first.</summary>
    public IntervalSnapshot? Latest { get; private set; }

    /// <summary>Every counter since the run started.</summary>
    public SnapshotCounters Total { get; private set; }

    /// <summary>Seconds from the run's start to the newest snapshot's end.</summary>
    public double NowSeconds => Latest?.EndSeconds ?? 0;

    public void Add(IntervalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Latest = snapshot;
        Total += snapshot.Counters;
        foreach (var (name, histogram) in snapshot.Histograms)
        {
            _totalHistograms[name] = _totalHistograms.TryGetValue(name, out var total) ? total.Add(histogram) : histogram;
        }

        _recent.Enqueue(snapshot);
        while (_recent.Count > 0 && _recent.Peek().EndSeconds <= snapshot.EndSeconds - CheckpointCondition.MaxWindow.TotalSeconds)
        {
            _ = _recent.Dequeue();
        }
    }

    /// <summary>The kept snapshots that end within the last <paramref name="seconds"/>.</summary>
    public IEnumerable<IntervalSnapshot> Last(int seconds)
    {
        // An interval belongs to the window when it ends inside it. Intervals are cut at whole seconds, a little late
        // under load; half a second either way keeps one cut late from adding a second, or one cut early from losing one.
        var from = NowSeconds - seconds + 0.5;
        return _recent.Where(s => s.EndSeconds > from);
    }

    /// <summary>The counters of the window, or since the start when <paramref name="windowSeconds"/> is null.</summary>
    public SnapshotCounters Counters(int? windowSeconds)
    {
        if (windowSeconds is not { } seconds)
        {
            return Total;
        }

        var sum = default(SnapshotCounters);
        foreach (var snapshot in Last(seconds))
        {
            sum += snapshot.Counters;
        }

        return sum;
    }

    /// <summary>The histogram <paramref name="name"/> over the window, or since the start.</summary>
    public HistogramCounts Histogram(string name, int? windowSeconds)
    {
        if (windowSeconds is not { } seconds)
        {
            return _totalHistograms.GetValueOrDefault(name) ?? HistogramCounts.Empty;
        }

        var sum = HistogramCounts.Empty;
        foreach (var snapshot in Last(seconds))
        {
            if (snapshot.Histograms.TryGetValue(name, out var histogram))
            {
                sum = sum.Add(histogram);
            }
        }

        return sum;
    }

    /// <summary>How many seconds the window covers: its length, or less early in the run.</summary>
    public double Seconds(int? windowSeconds)
    {
        var covered = NowSeconds;
        if (windowSeconds is { } seconds && Last(seconds).FirstOrDefault() is { } first)
        {
            covered = NowSeconds - first.StartSeconds;
        }

        return covered;
    }
}
