using HdrHistogram;

namespace WsLoad.Reporting.Comparison;

/// <summary>
/// A distribution-free confidence interval for a quantile, from the order statistics of the samples themselves: of n
/// samples, the q-quantile lies between the values of ranks n·q ± z·√(n·q·(1−q)) (the binomial count of samples below
/// it, in its normal approximation). Needs no assumption about the latency distribution, only the sample count.
/// </summary>
internal static class QuantileInterval
{
    /// <summary>z of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959964;

    /// <summary>The 1-based ranks that bound the <paramref name="quantile"/> (0..1) of <paramref name="count"/> samples.</summary>
    public static (long Lower, long Upper) Ranks(long count, double quantile, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var centre = count * quantile;
        var spread = z * Math.Sqrt(count * quantile * (1 - quantile));
        var lower = (long)Math.Floor(centre - spread);
        var upper = (long)Math.Ceiling(centre + spread);
        return (Math.Clamp(lower, 1, count), Math.Clamp(upper, 1, count));
    }

    /// <summary>
    /// The interval of the <paramref name="quantile"/> of a histogram of µs values, in ms; null when it is empty.
    /// Values are read the way the run's summary reads its percentiles, so the point estimate lies inside.
    /// </summary>
    public static Interval? Of(HistogramBase histogram, double quantile, double z = Z95)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return null;
        }

        var (lower, upper) = Ranks(count, quantile, z);
        return new Interval(ValueAtRank(histogram, lower) / 1000.0, ValueAtRank(histogram, upper) / 1000.0);
    }

    /// <summary>The value of the sample of 1-based <paramref name="rank"/> in ascending order, µs.</summary>
    public static long ValueAtRank(HistogramBase histogram, long rank)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        foreach (var bucket in histogram.RecordedValues())
        {
            if (bucket.TotalCountToThisValue >= rank)
            {
                return histogram.HighestEquivalentValue(bucket.ValueIteratedTo);
            }
        }

        return histogram.GetMaxValue();
    }
}
