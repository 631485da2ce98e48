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

    private readonly Stripe[] _stripes;
    private readonly LongHistogram _interval = NewHistogram();

    public LatencyRecorder()
    {
        var count = Math.Clamp(Environment.ProcessorCount, 2, 16);
        _stripes = new Stripe[count];
        for (var i = 0; i < count; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    public static LongHistogram NewHistogram() => new(HighestTrackableMicros, 3);

    public void Record(long micros)
    {
        var value = Math.Clamp(micros, 0, HighestTrackableMicros);
        var stripe = _stripes[(uint)Environment.CurrentManagedThreadId % (uint)_stripes.Length];
        lock (stripe)
        {
            stripe.Active.RecordValue(value);
        }
    }

    /// <summary>
    /// Swaps out what was recorded since the last call and returns it. The returned histogram is reused by the next
    /// call: read it before then.
    /// </summary>
    public LongHistogram TakeInterval()
    {
        _interval.Reset();
        foreach (var stripe in _stripes)
        {
            LongHistogram filled;
            lock (stripe)
            {
                filled = stripe.Active;
                stripe.Active = stripe.Spare;
                stripe.Spare = filled;
            }

            // The swapped-out histogram is no longer written to: merge it outside the lock.
            _interval.Add(filled);
            filled.Reset();
        }

        return _interval;
    }

    private sealed class Stripe
    {
        public LongHistogram Active { get; set; } = NewHistogram();

        public LongHistogram Spare { get; set; } = NewHistogram();
    }
}
