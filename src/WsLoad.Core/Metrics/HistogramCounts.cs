using System.Text.Json.Serialization;
using HdrHistogram;

namespace WsLoad.Metrics;

/// <summary>
/// The non-empty buckets of one HDR histogram of µs values (3 significant digits, as every WsLoad histogram is), as an
/// immutable value: a few hundred bytes for a second of traffic instead of the histogram's ~190 KB of counts. Each
/// bucket is kept as its highest equivalent value, which records back into the same bucket, so a histogram rebuilt from
/// it has the very same counts: percentiles, max and mean read from it are exact, and two of them add exactly.
/// </summary>
[JsonConverter(typeof(HistogramCountsJsonConverter))]
public sealed class HistogramCounts : IEquatable<HistogramCounts>
{
    private readonly long[] _values;
    private readonly long[] _counts;

    private HistogramCounts(long[] values, long[] counts)
    {
        _values = values;
        _counts = counts;
        TotalCount = counts.Sum();
    }

    /// <summary>No values.</summary>
    public static HistogramCounts Empty { get; } = new([], []);

    public long TotalCount { get; }

    /// <summary>The buckets' values (µs, ascending, distinct).</summary>
    public ReadOnlySpan<long> Values => _values;

    /// <summary>How many values each bucket of <see cref="Values"/> holds (all positive).</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>The buckets of <paramref name="histogram"/>.</summary>
    public static HistogramCounts From(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return Empty;
        }

        var values = new List<long>();
        var counts = new List<long>();
        foreach (var bucket in histogram.RecordedValues())
        {
            values.Add(bucket.ValueIteratedTo);
            counts.Add(bucket.CountAtValueIteratedTo);
        }

        return new HistogramCounts([.. values], [.. counts]);
    }

    /// <summary>
    /// Buckets from their values and counts; <paramref name="values"/> must ascend strictly and every count be positive
    /// (as <see cref="Values"/> and <see cref="Counts"/> are).
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length, a value does not ascend, or a count is not positive.</exception>
    public static HistogramCounts Create(long[] values, long[] counts)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(counts);
        if (values.Length != counts.Length)
        {
            throw new ArgumentException($"{values.Length} values but {counts.Length} counts.", nameof(counts));
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (counts[i] <= 0 || values[i] < 0 || (i > 0 && values[i] <= values[i - 1]))
            {
                throw new ArgumentException($"Bucket {i} ({values[i]} µs × {counts[i]}) does not ascend or is not positive.", nameof(values));
            }
        }

        return values.Length == 0 ? Empty : new HistogramCounts(values, counts);
    }

    /// <summary>
    /// The value (µs) at <paramref name="percentile"/>, read as HDR histograms read it (the highest value equivalent to
    /// the bucket holding that rank), so it equals the full histogram's; null when empty.
    /// </summary>
    public long? ValueAtPercentile(double percentile)
    {
        if (TotalCount == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)((Math.Min(percentile, 100.0) / 100.0 * TotalCount) + 0.5));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return _values[i];
            }
        }

        return _values[^1];
    }

    /// <summary>The highest value's bucket (µs), as HDR histograms report a maximum; null when empty.</summary>
    public long? MaxValue => _values.Length == 0 ? null : _values[^1];

    /// <summary>Records every bucket into <paramref name="target"/> (a histogram of the same precision).</summary>
    public void AddTo(HistogramBase target)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (var i = 0; i < _values.Length; i++)
        {
            target.RecordValueWithCount(_values[i], _counts[i]);
        }
    }

    /// <summary>A fresh histogram holding these buckets.</summary>
    public LongHistogram ToHistogram()
    {
        var histogram = LatencyRecorder.NewHistogram();
        AddTo(histogram);
        return histogram;
    }

    /// <summary>The bucket-wise sum: exactly what one histogram of both parts' values holds.</summary>
    public HistogramCounts Add(HistogramCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.TotalCount == 0)
        {
            return this;
        }

        if (TotalCount == 0)
        {
            return other;
        }

        var values = new List<long>(_values.Length + other._values.Length);
        var counts = new List<long>(values.Capacity);
        int i = 0, j = 0;
        while (i < _values.Length || j < other._values.Length)
        {
            if (j == other._values.Length || (i < _values.Length && _values[i] < other._values[j]))
            {
                values.Add(_values[i]);
                counts.Add(_counts[i++]);
            }
            else if (i == _values.Length || other._values[j] < _values[i])
            {
                values.Add(other._values[j]);
                counts.Add(other._counts[j++]);
            }
            else
            {
                values.Add(_values[i]);
                counts.Add(_counts[i++] + other._counts[j++]);
            }
        }

        return new HistogramCounts([.. values], [.. counts]);
    }

    public bool Equals(HistogramCounts? other) =>
        other is not null && _values.AsSpan().SequenceEqual(other._values) && _counts.AsSpan().SequenceEqual(other._counts);

    public override bool Equals(object? obj) => Equals(obj as HistogramCounts);

    public override int GetHashCode() => HashCode.Combine(TotalCount, _values.Length, _values.Length > 0 ? _values[^1] : 0);

    public override string ToString() => $"{TotalCount} values in {_values.Length} buckets";
}
