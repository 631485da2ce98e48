using HdrHistogram;
using WsLoad.Results;

namespace WsLoad.Metrics;

/// <summary>Reads the percentiles a report shows from an HDR histogram of µs values, in ms.</summary>
internal static class LatencyStatistics
{
    public static LatencySummary? Summarize(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return null;
        }

        return new LatencySummary
        {
            Count = histogram.TotalCount,
            P50 = Ms(histogram.GetValueAtPercentile(50)),
            P90 = Ms(histogram.GetValueAtPercentile(90)),
            P95 = Ms(histogram.GetValueAtPercentile(95)),
            P99 = Ms(histogram.GetValueAtPercentile(99)),
            P999 = Ms(histogram.GetValueAtPercentile(99.9)),
            Max = Ms(histogram.GetMaxValue()),
            Mean = Math.Round(histogram.GetMean() / 1000.0, 3),
        };
    }

    public static double? Percentile(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? null : Ms(histogram.GetValueAtPercentile(percentile));

    private static double Ms(long micros) => micros / 1000.0;
}
