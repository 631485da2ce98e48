using WsLoad.Analysis;
using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Tests.Analysis.Readiness;

/// <summary>
/// The verdict judges latency and throughput on the hold and connects and errors on the whole run: a run whose hold is
/// fast (rtt p99 10 ms) but whose ramp-up and closing are slow (whole-run p99 400 ms).
/// </summary>
public sealed class ReadinessPhaseTests
{
    [Fact]
    public void Rtt_p99_is_judged_on_the_hold()
    {
        var verdict = RunAnalyzer.Analyze(SlowEdges("rtt.p99 < 50ms")).Verdict;

        var check = Assert.Single(verdict.Checks, c => c.Name == "rtt p99");
        Assert.Equal(CheckStatus.Passed, check.Status);
        Assert.Equal("rtt.p99 < 50ms (threshold, on the hold)", check.Target);
        Assert.Equal("10 ms", check.Measured);
        Assert.Equal(ReadinessDecision.Go, verdict.Decision);
    }

    [Fact]
    public void A_threshold_naming_all_is_judged_on_the_whole_run()
    {
        var verdict = RunAnalyzer.Analyze(SlowEdges("rtt.p99{phase:all} < 50ms")).Verdict;

        var check = Assert.Single(verdict.Checks, c => c.Name == "rtt p99");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Equal("rtt.p99{phase:all} < 50ms (threshold, whole run)", check.Target);
        Assert.Equal("400 ms", check.Measured);
        Assert.Equal(ReadinessDecision.NoGo, verdict.Decision);
    }

    [Fact]
    public void A_threshold_naming_another_phase_is_a_check_on_that_phase()
    {
        var verdict = RunAnalyzer.Analyze(SlowEdges("rtt.p99 < 50ms", "rtt.p99{phase:closing} < 50ms")).Verdict;

        var check = Assert.Single(verdict.Checks, c => c.Name == "threshold rtt.p99{phase:closing} < 50ms");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Equal("rtt.p99{phase:closing} < 50ms (threshold, on the closing)", check.Target);
        Assert.Equal("500 ms", check.Measured);
    }

    [Fact]
    public void Errors_and_connects_are_judged_on_the_whole_run_and_say_so()
    {
        var verdict = RunAnalyzer.Analyze(SlowEdges()).Verdict;

        Assert.Equal("errors.rate <= 0.1% (default, whole run)", verdict.Checks.Single(c => c.Name == "error rate").Target);
        Assert.Equal("connect.success >= 99.9% (default, whole run)", verdict.Checks.Single(c => c.Name == "connect success").Target);
        Assert.EndsWith("default, on the hold)", verdict.Checks.Single(c => c.Name == "sustained throughput").Target, StringComparison.Ordinal);
        Assert.Equal("10 ms, on the hold", verdict.Checks.Single(c => c.Name == "rtt p99").Measured);
    }

    private static RunResult SlowEdges(params string[] thresholds)
    {
        var run = HealthyRun.Build(20, thresholds);
        return run with
        {
            Summary = run.Summary with { LatencyMs = new LatencySummaries { Rtt = Latency(24_000, 400) } },
            Phases = new Dictionary<string, PhaseSummary>(StringComparer.Ordinal)
            {
                ["ramp-up"] = Phase(-2, 0, 300),
                ["hold"] = Phase(0, 20, 10),
                ["closing"] = Phase(20, 22, 500),
            },
        };
    }

    private static PhaseSummary Phase(double from, double to, double rttP99)
    {
        var received = (long)(1000 * (to - from));
        return new PhaseSummary
        {
            FromSeconds = from,
            ToSeconds = to,
            Intervals = (int)(to - from),
            Counters = new SnapshotCounters { Sent = received, Received = received },
            ReceivedPerSec = 1000,
            Rtt = Latency(received, rttP99),
        };
    }

    private static LatencySummary Latency(long count, double p99) => new() { Count = count, P50 = p99 / 4, P90 = p99 / 2, P99 = p99, Max = p99 * 2, Mean = p99 / 3 };
}
