using WsLoad.Analysis.Anomalies;

namespace WsLoad.Tests.Analysis.Anomalies;

public sealed class TrendTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_flat_hold_has_no_significant_trend(int seed)
    {
        var report = AnomalyAnalysis.Analyze(HoldRuns.Build(60, seed));

        Assert.Equal([SeriesMetric.Throughput, SeriesMetric.RttP50, SeriesMetric.RttP99], report.Trends.Select(t => t.Metric));
        Assert.All(report.Trends, t => Assert.Equal((false, TrendDirection.Flat), (t.Significant, t.Direction)));
    }

    [Fact]
    public void A_planted_p99_slope_is_found_and_throughput_stays_flat()
    {
        // p99 rises 0.1 ms per second over a 60 s hold: 6 ms in all, against ~0.1 ms of noise.
        var run = HoldRuns.Build(60, seed: 4, plant: (t, s) => s.Phase == "hold" ? s with { RttP99 = s.RttP99 + (0.1 * (t - HoldRuns.RampSeconds)) } : s);

        var trends = AnomalyAnalysis.Analyze(run).Trends.ToDictionary(t => t.Metric);

        var p99 = trends[SeriesMetric.RttP99];
        Assert.Equal((true, TrendDirection.Rising, FindingConfidence.High), (p99.Significant, p99.Direction, p99.Confidence));
        Assert.InRange(p99.SlopePerSecond, 0.095, 0.105);
        Assert.InRange(p99.ChangeOverHold, 5.7, 6.3);
        Assert.False(trends[SeriesMetric.Throughput].Significant);
    }

    [Fact]
    public void A_falling_throughput_is_found()
    {
        var run = HoldRuns.Build(120, seed: 5, plant: (t, s) => s.Phase == "hold" ? s with { Received = s.Received - (3 * (t - HoldRuns.RampSeconds)) } : s);

        var throughput = AnomalyAnalysis.Analyze(run).Trends.Single(t => t.Metric == SeriesMetric.Throughput);

        Assert.Equal((true, TrendDirection.Falling), (throughput.Significant, throughput.Direction));
        Assert.InRange(throughput.SlopePerSecond, -3.3, -2.7);
    }
}
