using WsLoad.Analysis.Anomalies;
using WsLoad.Analysis.Capacity;
using Xunit.Abstractions;

namespace WsLoad.Tests.Analysis.Capacity;

/// <summary>Acceptance 3 (synthetic half): the USL fitted to noisy plateaus recovers the maximum throughput.</summary>
public sealed class UslFitTests(ITestOutputHelper output)
{
    public static TheoryData<double, double, double, int, int, int, int> ParameterSets => new()
    {
        // λ, σ, κ, steps, connections per step, in flight, seed
        { 1000, 0.05, 0.0002, 8, 20, 1, 1 },   // N* ≈ 69
        { 500, 0.02, 0.00005, 10, 30, 1, 2 },  // N* = 140
        { 2000, 0.10, 0.001, 6, 10, 1, 3 },    // N* = 30
        { 300, 0.03, 0.0001, 6, 20, 2, 4 },    // N* ≈ 98.5 at 2 in flight: ≈ 49 connections
        { 800, 0.08, 0.0004, 5, 15, 1, 5 },    // N* = 48, five points
    };

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Fitted_maximum_throughput_is_within_10_percent_of_the_truth(double lambda, double sigma, double kappa, int steps, int perStep, int inFlight, int seed)
    {
        var truth = SteppedRuns.Usl(lambda, sigma, kappa);
        var run = SteppedRuns.Build(steps, perStep, plateauSeconds: 5, holdSeconds: 10, truth, _ => 5, noise: 0.03, seed, inFlight);
        var trueNStar = Math.Sqrt((1 - sigma) / kappa);
        var trueMax = truth(trueNStar);

        var report = CapacityAnalysis.Analyze(run);

        Assert.Equal(CapacityStatus.Fitted, report.Status);
        var peak = report.Peak!;
        output.WriteLine(string.Join("\n", report.Evidence));
        output.WriteLine($"truth: N* {trueNStar:0.#} X_max {trueMax:0}; fitted N* {peak.PeakConcurrency:0.#} X_max {peak.MaxThroughput:0} ({peak.MaxThroughput / trueMax - 1:P1})");
        Assert.Equal(steps, report.Plateaus.Count);
        Assert.Equal(PeakLocation.WithinMeasuredRange, peak.Location);
        Assert.InRange(peak.MaxThroughput!.Value / trueMax, 0.9, 1.1);
        Assert.InRange(peak.PeakConcurrency!.Value / trueNStar, 0.75, 1.25);
        Assert.Equal(peak.PeakConcurrency!.Value / inFlight, peak.PeakConnections!.Value, 6);
        Assert.True(peak.MaxThroughputStdError > 0 && peak.PeakConcurrencyStdError > 0, "uncertainties are reported");
        Assert.True(report.Usl!.RSquared > 0.9, $"R² {report.Usl.RSquared}");
    }

    [Fact]
    public void Linear_scaling_reports_the_peak_beyond_the_measured_range()
    {
        var truth = SteppedRuns.Usl(100, 0.0005, 0);
        var run = SteppedRuns.Build(steps: 5, stepConnections: 40, plateauSeconds: 5, holdSeconds: 10, truth, _ => 2, noise: 0.02, seed: 11);

        var report = CapacityAnalysis.Analyze(run);

        Assert.Equal(CapacityStatus.Fitted, report.Status);
        var peak = report.Peak!;
        output.WriteLine(string.Join("\n", report.Evidence));
        Assert.Contains(peak.Location, new[] { PeakLocation.BeyondMeasuredRange, PeakLocation.Unbounded });
        Assert.InRange(peak.ThroughputAtLargestMeasured / truth(200), 0.9, 1.1);
        Assert.NotEqual(FindingConfidence.High, report.Confidence);
    }

    [Fact]
    public void A_knee_at_a_known_concurrency_is_found_with_an_interval_that_holds_it()
    {
        // σ = 0.03 and κ = (1 − σ)/100² put the peak at exactly N = 100; the run steps to 200.
        var truth = SteppedRuns.Usl(400, 0.03, 0.97 / 10_000);
        var run = SteppedRuns.Build(steps: 8, stepConnections: 25, plateauSeconds: 6, holdSeconds: 10, truth, _ => 3, noise: 0.03, seed: 21);

        var report = CapacityAnalysis.Analyze(run);

        var peak = report.Peak!;
        output.WriteLine(string.Join("\n", report.Evidence));
        Assert.Equal(PeakLocation.WithinMeasuredRange, peak.Location);
        Assert.InRange(peak.PeakConcurrency!.Value, 85, 115);
        var error = peak.PeakConcurrencyStdError!.Value;
        Assert.InRange(100, peak.PeakConcurrency.Value - (3 * error), peak.PeakConcurrency.Value + (3 * error));
        Assert.NotEqual(FindingConfidence.Low, report.Confidence);
    }

    [Fact]
    public void The_same_run_gives_the_same_report()
    {
        var run = SteppedRuns.Build(6, 20, 5, 10, SteppedRuns.Usl(1000, 0.05, 0.0002), n => 1 + (n / 50), 0.03, seed: 5, thresholds: ["rtt.p99 < 20ms"]);

        var first = CapacityAnalysis.Analyze(run);
        var second = CapacityAnalysis.Analyze(run);

        Assert.Equal(first.Evidence, second.Evidence);
        Assert.Equal(first.Peak, second.Peak);
    }
}
