using WsLoad.Analysis.Anomalies;

namespace WsLoad.Tests.Analysis.Anomalies;

public sealed class AnomalyDetectionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_steady_hold_yields_no_anomaly_even_though_the_ramp_changes_the_load(int seed)
    {
        var report = AnomalyAnalysis.Analyze(HoldRuns.Build(holdSeconds: 60, seed));

        Assert.Empty(report.Anomalies);
        Assert.Equal(60, report.HoldSeconds);
        Assert.Equal((5.0, 65.0), (report.HoldFromSeconds!.Value, report.HoldToSeconds!.Value));
    }

    [Fact]
    public void A_planted_p99_spike_is_found_with_its_start_and_end()
    {
        // Samples 31..34 cover the seconds 30 to 34.
        var run = HoldRuns.Build(60, seed: 9, plant: (t, s) => t is >= 31 and <= 34 ? s with { RttP99 = 40 } : s);

        var anomaly = Assert.Single(AnomalyAnalysis.Analyze(run).Anomalies);

        Assert.Equal(SeriesMetric.RttP99, anomaly.Metric);
        Assert.Equal(AnomalyDirection.Spike, anomaly.Direction);
        Assert.Equal((30.0, 34.0, 4), (anomaly.FromSeconds, anomaly.ToSeconds, anomaly.Seconds));
        Assert.Equal("rtt-p99-spike-30s", anomaly.Id);
        Assert.Equal(40, anomaly.Peak);
        Assert.InRange(anomaly.PeakRatio!.Value, 7, 9);
        Assert.Equal(FindingConfidence.High, anomaly.Confidence);
        Assert.Contains(anomaly.Evidence, e => e.StartsWith("rtt-p99: peak 40 ms vs hold median ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_throughput_drop_and_an_error_burst_are_found_as_two_anomalies()
    {
        var run = HoldRuns.Build(60, seed: 10, plant: (t, s) => t is >= 20 and <= 22 ? s with { Received = 300, Errors = 50 } : s);

        var anomalies = AnomalyAnalysis.Analyze(run).Anomalies;

        Assert.Equal([(SeriesMetric.Throughput, AnomalyDirection.Drop), (SeriesMetric.Errors, AnomalyDirection.Spike)],
            anomalies.Select(a => (a.Metric, a.Direction)));
        Assert.All(anomalies, a => Assert.Equal((19.0, 22.0), (a.FromSeconds, a.ToSeconds)));
    }

    [Fact]
    public void A_single_odd_second_is_not_an_anomaly()
    {
        var run = HoldRuns.Build(60, seed: 11, plant: (t, s) => t == 40 ? s with { RttP99 = 80 } : s);

        Assert.Empty(AnomalyAnalysis.Analyze(run).Anomalies);
    }

    [Fact]
    public void A_saturated_generator_lowers_the_confidence()
    {
        var run = HoldRuns.Build(60, seed: 12, plant: (t, s) => t is >= 31 and <= 34
            ? s with { RttP99 = 40, Generator = new WsLoad.Results.GeneratorSample { Saturated = true } }
            : s);

        var anomaly = Assert.Single(AnomalyAnalysis.Analyze(run).Anomalies);

        Assert.Equal((4, FindingConfidence.Medium), (anomaly.GeneratorSaturatedSeconds, anomaly.Confidence));
    }

    [Fact]
    public void A_run_without_a_hold_is_not_judged_and_says_so()
    {
        var run = HoldRuns.Build(0, seed: 1);

        var report = AnomalyAnalysis.Analyze(run);

        Assert.Empty(report.Anomalies);
        Assert.Empty(report.Trends);
        Assert.Contains("no hold", Assert.Single(report.Notes));
    }
}
