using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Thresholds;

namespace WsLoad.Tests.Thresholds;

/// <summary>A run whose hold is fast and whose ramp-up and closing are slow: which phase a threshold judges decides it.</summary>
public class ThresholdPhaseTests
{
    private static readonly RunSummary Summary = new()
    {
        Connections = new ConnectionSummary { Attempted = 100, Established = 98, Failed = 2, Peak = 98 },
        Messages = new MessageSummary { Sent = 1100, Received = 990, Lost = 10, ThroughputPerSec = 50 },
        LatencyMs = new LatencySummaries
        {
            Rtt = Latency(990, p99: 400),
            Response = Latency(990, p99: 450),
            Connect = Latency(98, p99: 80),
        },
    };

    private static readonly Dictionary<string, PhaseSummary> Phases = new(StringComparer.Ordinal)
    {
        ["ramp-up"] = Phase(0, 5, received: 100, rttP99: 300, connects: 100, established: 98),
        ["hold"] = Phase(5, 25, received: 800, rttP99: 20),
        ["closing"] = Phase(25, 30, received: 90, rttP99: 500),
    };

    [Fact]
    public void A_named_phase_is_judged_on_that_phase()
    {
        var results = ThresholdEvaluator.Evaluate(["rtt.p99{phase:hold} < 100ms", "rtt.p99{phase:all} < 100ms", "rtt.p99{phase:closing} < 100ms"], Summary, Phases);

        Assert.Equal([true, false, false], results.Select(r => r.Passed));
        Assert.Equal([20, 400, 500], results.Select(r => r.Value!.Value));
        Assert.Equal(["hold", "all", "closing"], results.Select(r => r.Phase));
    }

    [Fact]
    public void Without_a_phase_latency_and_throughput_judge_the_hold()
    {
        var results = ThresholdEvaluator.Evaluate(["rtt.p99 < 100ms", "response.p99 < 100ms", "throughput >= 40/s"], Summary, Phases);

        Assert.All(results, r => Assert.Equal("hold", r.Phase));
        Assert.Equal([true, true, true], results.Select(r => r.Passed));
        Assert.Equal(50, results[2].Value); // the summary's throughput: the hold's, as every report shows it
    }

    [Fact]
    public void Without_a_phase_connects_and_errors_judge_the_whole_run()
    {
        var results = ThresholdEvaluator.Evaluate(["connect.p99 < 100ms", "connect.success >= 98%", "errors.rate < 2%", "messages.lost == 10", "connections.failed == 2"], Summary, Phases);

        Assert.All(results, r => Assert.Equal("all", r.Phase));
        Assert.Equal([80, 98, 1, 10, 2], results.Select(r => Math.Round(r.Value!.Value, 9)));
    }

    [Fact]
    public void Without_hold_data_the_default_is_the_whole_run()
    {
        var noHold = new Dictionary<string, PhaseSummary>(StringComparer.Ordinal) { ["ramp-up"] = Phases["ramp-up"], ["closing"] = Phases["closing"] };

        var result = Assert.Single(ThresholdEvaluator.Evaluate(["rtt.p99 < 100ms"], Summary, noHold));
        var withoutPhases = Assert.Single(ThresholdEvaluator.Evaluate(["rtt.p99 < 100ms"], Summary));

        Assert.Equal(("all", 400.0, false), (result.Phase, result.Value!.Value, result.Passed));
        Assert.Equal(("all", 400.0), (withoutPhases.Phase, withoutPhases.Value!.Value));
    }

    [Fact]
    public void A_named_phase_the_run_lacks_fails_with_a_reason()
    {
        var result = Assert.Single(ThresholdEvaluator.Evaluate(["rtt.p99{phase:ramp-down} < 100ms"], Summary, Phases));

        Assert.False(result.Passed);
        Assert.Equal("ramp-down", result.Phase);
        Assert.Equal("no data for rtt.p99: the run has no ramp-down phase figures", result.Error);
    }

    [Fact]
    public void Counts_and_rates_are_read_from_a_named_phase()
    {
        var results = ThresholdEvaluator.Evaluate(
            ["messages.received{phase:hold} == 800", "throughput{phase:closing} > 17/s", "throughput{phase:all} == 33/s", "connect.success{phase:ramp-up} >= 98%"], Summary, Phases);

        Assert.Equal([800, 18, 33, 98], results.Select(r => r.Value!.Value));
        Assert.All(results, r => Assert.True(r.Passed, r.Expression));
    }

    private static LatencySummary Latency(long count, double p99) =>
        new() { Count = count, P50 = p99 / 4, P90 = p99 / 2, P95 = p99 / 1.5, P99 = p99, P999 = p99 * 1.5, Max = p99 * 2, Mean = p99 / 3 };

    private static PhaseSummary Phase(double from, double to, long received, double rttP99, long connects = 0, long established = 0) => new()
    {
        FromSeconds = from,
        ToSeconds = to,
        Intervals = (int)(to - from),
        Counters = new SnapshotCounters { Received = received, Sent = received, ConnectsAttempted = connects, ConnectsEstablished = established },
        ReceivedPerSec = received / (to - from),
        Rtt = Latency(received, rttP99),
        Response = Latency(received, rttP99 + 5),
    };
}
