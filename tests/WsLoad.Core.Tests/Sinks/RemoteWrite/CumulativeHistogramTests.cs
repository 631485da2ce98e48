using WsLoad.Metrics;
using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

public class CumulativeHistogramTests
{
    [Fact]
    public void Buckets_are_cumulative_a_value_on_a_bound_counts_in_it_and_inf_holds_the_count()
    {
        var histogram = new CumulativeHistogram([0.0001, 0.001, 1]);

        histogram.Add(HistogramCounts.Create([100, 150, 1_000], [2, 1, 3])); // 0.1 ms on its bound, 0.15 ms, 1 ms on its bound
        histogram.Add(HistogramCounts.Create([150, 5_000_000], [1, 4])); // 5 s: past every bound

        Assert.Equal([("0.0001", 2L), ("0.001", 7L), ("1", 7L), ("+Inf", 11L)], histogram.Buckets());
        Assert.Equal(11, histogram.Count);
        Assert.Equal((2 * 0.0001) + (2 * 0.00015) + (3 * 0.001) + (4 * 5.0), histogram.SumSeconds, 9);
    }

    [Fact]
    public void An_empty_histogram_has_every_bucket_at_zero()
    {
        var histogram = new CumulativeHistogram([0.5]);

        histogram.Add(HistogramCounts.Empty);

        Assert.Equal([("0.5", 0L), ("+Inf", 0L)], histogram.Buckets());
        Assert.Equal((0L, 0.0), (histogram.Count, histogram.SumSeconds));
    }
}
