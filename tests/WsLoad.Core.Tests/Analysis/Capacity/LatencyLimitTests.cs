using WsLoad.Analysis.Capacity;

namespace WsLoad.Tests.Analysis.Capacity;

public sealed class LatencyLimitTests
{
    private static readonly Func<double, double> Throughput = SteppedRuns.Usl(1000, 0.02, 0.00001);

    [Fact]
    public void A_convex_p99_is_extrapolated_to_the_target()
    {
        // p99 = 2 + 0.0005·C² ms: 22 ms at 200 connections; the run measures up to 150 (13.25 ms).
        var run = SteppedRuns.Build(5, 30, 5, 10, Throughput, c => 2 + (0.0005 * c * c), noise: 0.01, seed: 3, thresholds: ["rtt.p99 < 22ms"]);

        var limit = CapacityAnalysis.Analyze(run).LatencyLimit!;

        Assert.Equal(LatencyLimitStatus.Predicted, limit.Status);
        Assert.Equal("quadratic", limit.Model);
        Assert.InRange(limit.Connections!.Value, 185, 215);
        Assert.Equal(22, limit.TargetMs);
    }

    [Fact]
    public void A_target_already_passed_is_interpolated_between_plateaus()
    {
        var run = SteppedRuns.Build(5, 30, 5, 10, Throughput, c => c / 10, noise: 0, seed: 3, thresholds: ["response.p99 <= 10ms"]);

        var limit = CapacityAnalysis.Analyze(run).LatencyLimit!;

        Assert.Equal(LatencyLimitStatus.PassedWithinMeasuredRange, limit.Status);
        Assert.InRange(limit.Connections!.Value, 99, 101);
    }

    [Theory]
    [InlineData("rtt.p99{phase:closing} < 10ms", null)]
    [InlineData("rtt.p99{phase:ramp-up} < 10ms", null)]
    [InlineData("rtt.p99{phase:hold} < 10ms", 10.0)]
    [InlineData("rtt.p99{phase:all} < 12ms", 12.0)]
    public void Only_a_steady_state_threshold_is_a_target(string threshold, double? target)
    {
        var run = SteppedRuns.Build(5, 30, 5, 10, Throughput, c => c / 10, noise: 0, seed: 3, thresholds: [threshold]);

        var limit = CapacityAnalysis.Analyze(run).LatencyLimit!;

        Assert.Equal(target, limit.TargetMs);
        Assert.Equal(target is null, limit.Status == LatencyLimitStatus.NoTarget);
    }

    [Fact]
    public void Without_a_p99_threshold_there_is_no_target()
    {
        var run = SteppedRuns.Build(5, 30, 5, 10, Throughput, c => c / 10, noise: 0, seed: 3, thresholds: ["rtt.p50 < 10ms"]);

        Assert.Equal(LatencyLimitStatus.NoTarget, CapacityAnalysis.Analyze(run).LatencyLimit!.Status);
    }
}
