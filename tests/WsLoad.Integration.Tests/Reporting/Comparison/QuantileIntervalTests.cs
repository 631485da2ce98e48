using WsLoad.Metrics;
using WsLoad.Reporting.Comparison;

namespace WsLoad.Tests.Reporting.Comparison;

/// <summary>Order-statistic intervals of percentiles read from HDR histograms.</summary>
public sealed class QuantileIntervalTests
{
    [Theory]
    [InlineData(10_000, 0.5, 4_902, 5_098)] // 5000 ± 1.96·50
    [InlineData(10_000, 0.99, 9_880, 9_920)] // 9900 ± 1.96·9.95
    [InlineData(20, 0.99, 18, 20)] // few samples: 19.8 ± 0.87 runs to the largest
    [InlineData(1, 0.5, 1, 1)]
    public void Ranks_are_n_q_plus_or_minus_z_standard_deviations_clamped_to_the_samples(long count, double quantile, long lower, long upper)
    {
        Assert.Equal((lower, upper), QuantileInterval.Ranks(count, quantile));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    public void The_interval_contains_the_percentile_the_run_summary_reports(double quantile)
    {
        var histogram = SyntheticRuns.LogNormal(10_000, seed: 1);

        var interval = QuantileInterval.Of(histogram, quantile)!.Value;

        var reported = LatencyStatistics.Percentile(histogram, quantile * 100)!.Value;
        Assert.InRange(reported, interval.Low, interval.High);
        Assert.True(interval.Low < interval.High, $"{interval}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void Two_samples_of_the_same_distribution_overlap(double quantile)
    {
        var first = QuantileInterval.Of(SyntheticRuns.LogNormal(10_000, seed: 1), quantile)!.Value;
        var second = QuantileInterval.Of(SyntheticRuns.LogNormal(10_000, seed: 2), quantile)!.Value;

        Assert.True(first.Overlaps(second), $"{first} vs {second}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void A_distribution_shifted_by_20_percent_does_not_overlap(double quantile)
    {
        var before = QuantileInterval.Of(SyntheticRuns.LogNormal(10_000, seed: 1), quantile)!.Value;
        var after = QuantileInterval.Of(SyntheticRuns.LogNormal(10_000, seed: 2, scale: 1.2), quantile)!.Value;

        Assert.False(before.Overlaps(after), $"{before} vs {after}");
    }

    [Fact]
    public void Twenty_samples_give_a_p99_interval_too_wide_to_tell_a_20_percent_shift()
    {
        var before = QuantileInterval.Of(SyntheticRuns.LogNormal(20, seed: 1), 0.99)!.Value;
        var after = QuantileInterval.Of(SyntheticRuns.LogNormal(20, seed: 2, scale: 1.2), 0.99)!.Value;

        Assert.True(before.Overlaps(after), $"{before} vs {after}");
    }

    [Fact]
    public void An_empty_histogram_has_no_interval()
    {
        Assert.Null(QuantileInterval.Of(LatencyRecorder.NewHistogram(), 0.99));
    }

    [Fact]
    public void Values_are_read_in_milliseconds_from_microsecond_histograms()
    {
        var histogram = LatencyRecorder.NewHistogram();
        for (var i = 0; i < 1_000; i++)
        {
            histogram.RecordValue(5_000); // 5 ms
        }

        var interval = QuantileInterval.Of(histogram, 0.5)!.Value;

        Assert.InRange(interval.Low, 4.99, 5.01);
        Assert.InRange(interval.High, 4.99, 5.01);
    }
}
