using System.Globalization;
using WsLoad.Metrics;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// A Prometheus classic histogram (<c>_bucket{le=…}</c> cumulative with <c>+Inf</c>, <c>_sum</c>, <c>_count</c>, in
/// seconds) fed with the run's exact µs histograms. Each HDR bucket counts at its highest equivalent value, so a value
/// within 0.1% of a bound (3 significant digits) may land in the bucket above it; <c>_count</c> is exact and
/// <c>_sum</c> is as close as the HDR buckets are.
/// </summary>
internal sealed class CumulativeHistogram
{
    private readonly long[] _boundsMicros;
    private readonly long[] _counts;

    public CumulativeHistogram(IReadOnlyList<double> boundsSeconds)
    {
        ArgumentNullException.ThrowIfNull(boundsSeconds);
        BoundsSeconds = boundsSeconds;
        _boundsMicros = [.. boundsSeconds.Select(bound => (long)Math.Round(bound * 1_000_000))];
        _counts = new long[boundsSeconds.Count + 1];
    }

    /// <summary>The buckets' upper bounds in seconds, ascending, <c>+Inf</c> not among them.</summary>
    public IReadOnlyList<double> BoundsSeconds { get; }

    public double SumSeconds { get; private set; }

    public long Count { get; private set; }

    /// <summary>Adds an interval's values (µs).</summary>
    public void Add(HistogramCounts histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var values = histogram.Values;
        var counts = histogram.Counts;
        for (var i = 0; i < values.Length; i++)
        {
            var bucket = Array.BinarySearch(_boundsMicros, values[i]);
            _counts[bucket >= 0 ? bucket : ~bucket] += counts[i]; // a value on a bound belongs to it (le: less or equal)
            SumSeconds += values[i] / 1_000_000.0 * counts[i];
            Count += counts[i];
        }
    }

    /// <summary>Each bucket's <c>le</c> label and its cumulative count, the last being <c>+Inf</c> with <see cref="Count"/>.</summary>
    public IEnumerable<(string Le, long Cumulative)> Buckets()
    {
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += _counts[i];
            yield return (i < BoundsSeconds.Count ? BoundsSeconds[i].ToString(CultureInfo.InvariantCulture) : "+Inf", cumulative);
        }
    }
}
