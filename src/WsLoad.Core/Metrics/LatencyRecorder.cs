using HdrHistogram;

namespace WsLoad.Metrics;

/// <summary>
/// Records latencies (µs) into HDR histograms striped by thread, so recording threads rarely contend, and lets one
/// reader take per-interval snapshots without stopping them (double-buffered, as HdrHistogram's Recorder does, but
/// with no clock inside). Percentiles are only ever read from merged histograms, never averaged.
/// The run's totals are the sum of its intervals (<see cref="Results.RunResultBuilder"/> adds them up), so the recorder
/// keeps none. Threading: <see cref="Record"/> from any thread; <see cref="TakeInterval"/> from one reader at a time.
/// </summary>
internal sealed class LatencyRecorder
{
    /// <summary>One hour in µs: anything slower is clamped (and is a failure long before).</summary>
    internal const long HighestTrackableMicros = 3_600_000_000L;

    /// <summary>What <see cref="TakeInterval"/> returns while nothing was ever recorded: read, never written.</summary>
    private static readonly IntHistogram NothingRecorded = NewIntervalHistogram();

    private readonly Stripe[] _stripes;
    private IntHistogram? _interval;

    public LatencyRecorder()
    {
        var count = Math.Clamp(Environment.ProcessorCount, 2, 16);
        _stripes = new Stripe[count];
        for (var i = 0; i < count; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    /// <summary>A histogram of the run's precision: 3 significant digits up to <see cref="HighestTrackableMicros"/>.</summary>
    public static LongHistogram NewHistogram() => new(HighestTrackableMicros, 3);

    /// <summary>
    /// The same buckets with 32-bit counts, for what holds at most one interval (a second) of one recorder: a bucket
    /// would need 2^31 values in that second to overflow. Half the memory of <see cref="NewHistogram"/> (94 KB instead of
    /// 188 KB, each zeroed when made); the run's totals are sums of sparse <see cref="HistogramCounts"/>, not of these.
    /// </summary>
    private static IntHistogram NewIntervalHistogram() => new(HighestTrackableMicros, 3);

    public void Record(long micros)
    {
        var value = Math.Clamp(micros, 0, HighestTrackableMicros);
        var stripe = _stripes[(uint)Environment.CurrentManagedThreadId % (uint)_stripes.Length];
        lock (stripe)
        {
            // Made on first use: a recorder that never records (TLS on ws://, a phase a run never reaches) costs nothing.
            (stripe.Active ??= NewIntervalHistogram()).RecordValue(value);
        }
    }

    /// <summary>
    /// Swaps out what was recorded since the last call and returns it. The returned histogram is reused by the next
    /// call: read it before then, and never write to it.
    /// </summary>
    public HistogramBase TakeInterval()
    {
        _interval?.Reset();
        foreach (var stripe in _stripes)
        {
            IntHistogram? filled;
            lock (stripe)
            {
                filled = stripe.Active;
                stripe.Active = stripe.Spare;
                stripe.Spare = filled;
            }

            if (filled is null)
            {
                continue;
            }

            // The swapped-out histogram is no longer written to: merge it outside the lock.
            (_interval ??= NewIntervalHistogram()).Add(filled);
            filled.Reset();
        }

        return _interval ?? NothingRecorded;
    }

    private sealed class Stripe
    {
        public IntHistogram? Active { get; set; }

        public IntHistogram? Spare { get; set; }
    }
}
