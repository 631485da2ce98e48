using WsLoad.Analysis;
using WsLoad.Results;

namespace WsLoad.Tests.Analysis.Readiness;

/// <summary>Acceptance 4: NO-GO with the failing checks, GO with margin, INCONCLUSIVE when the run cannot tell.</summary>
public sealed class ReadinessVerdictTests
{
    public static TheoryData<string> Cases() =>
    [
        "go-with-margin", "no-go-threshold-failed", "inconclusive-generator-saturated", "no-go-server-refusals-despite-saturation",
        "inconclusive-interrupted", "inconclusive-too-short", "inconclusive-too-few-samples", "go-no-targets", "go-marginal-server-cpu",
        "no-go-server-cpu", "no-go-throughput-short",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_verdict_follows_the_rules(string name)
    {
        var (run, decision, mustMention) = Case(name);

        var verdict = RunAnalyzer.Analyze(run).Verdict;

        var text = string.Join(" | ", verdict.Reasons.Concat(verdict.Risks));
        Assert.True(decision == verdict.Decision, $"{name}: {verdict.Decision} ({verdict.Confidence}): {text}");
        Assert.InRange(verdict.Confidence, 0.05, 0.95);
        Assert.NotEmpty(verdict.Reasons);
        Assert.Contains(mustMention, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_threshold_is_a_failed_check_quoting_target_and_measure()
    {
        var verdict = RunAnalyzer.Analyze(HealthyRun.Build(20, "rtt.p99 < 5ms")).Verdict;

        var check = Assert.Single(verdict.Checks, c => c.Name == "rtt p99");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Equal("rtt.p99 < 5ms (threshold, whole run)", check.Target);
        Assert.Equal("10 ms", check.Measured);
        Assert.Equal(-1.0, check.Margin);
    }

    [Fact]
    public void Without_targets_rtt_p99_is_not_judged_and_the_defaults_are()
    {
        var verdict = RunAnalyzer.Analyze(HealthyRun.Build()).Verdict;

        Assert.Equal(CheckStatus.NotJudged, verdict.Checks.Single(c => c.Name == "rtt p99").Status);
        Assert.Equal(CheckStatus.Passed, verdict.Checks.Single(c => c.Name == "availability").Status);
        Assert.Equal("availability >= 99.9% (default, whole run)", verdict.Checks.Single(c => c.Name == "availability").Target);
        Assert.Equal(CheckStatus.Passed, verdict.Checks.Single(c => c.Name == "error rate").Status);
        Assert.Equal(CheckStatus.NotJudged, verdict.Checks.Single(c => c.Name == "server CPU headroom").Status);
    }

    [Fact]
    public void The_same_run_gives_the_same_verdict()
    {
        var run = HealthyRun.Build(20, "rtt.p99 < 5ms").SaturatedGenerator();

        Assert.Equal(
            RunResultJsonLike(RunAnalyzer.Analyze(run).Verdict),
            RunResultJsonLike(RunAnalyzer.Analyze(run).Verdict));
    }

    private static string RunResultJsonLike(ReadinessVerdict verdict) =>
        System.Text.Json.JsonSerializer.Serialize(verdict, RunResultJson.Options);

    private static (RunResult Run, ReadinessDecision Decision, string MustMention) Case(string name)
    {
        var healthy = HealthyRun.Build(20, "rtt.p99 < 200ms");
        return name switch
        {
            "go-with-margin" => (healthy, ReadinessDecision.Go, "every judged check held"),
            "no-go-threshold-failed" => (HealthyRun.Build(20, "rtt.p99 < 5ms"), ReadinessDecision.NoGo, "rtt p99 missed its target: 10 ms against rtt.p99 < 5ms"),
            "inconclusive-generator-saturated" => (HealthyRun.Build(20, "rtt.p99 < 5ms").SaturatedGenerator(), ReadinessDecision.Inconclusive, "the generator was saturated for 6 s (generator-cpu)"),
            "no-go-server-refusals-despite-saturation" => (Refused(healthy.SaturatedGenerator()), ReadinessDecision.NoGo, "signalled by the server itself"),
            "inconclusive-interrupted" => (healthy with { Status = RunStatus.Interrupted, StatusReason = "SIGINT" }, ReadinessDecision.Inconclusive, "the run was interrupted (SIGINT)"),
            "inconclusive-too-short" => (HealthyRun.Build(5, "rtt.p99 < 200ms"), ReadinessDecision.Inconclusive, "the hold lasted 5 s"),
            "inconclusive-too-few-samples" => (FewSamples(healthy), ReadinessDecision.Inconclusive, "only 40 round trips"),
            "go-no-targets" => (HealthyRun.Build(), ReadinessDecision.Go, "rtt p99 not judged"),
            "go-marginal-server-cpu" => (healthy.WithServerCpu(150), ReadinessDecision.Go, "server CPU headroom: 75% of 2 cores"),
            "no-go-server-cpu" => (healthy.WithServerCpu(190), ReadinessDecision.NoGo, "server CPU headroom missed its target: 95% of 2 cores"),
            "no-go-throughput-short" => (healthy with { Summary = healthy.Summary with { Messages = healthy.Summary.Messages with { ThroughputPerSec = 900 } } },
                ReadinessDecision.NoGo, "sustained throughput missed its target: 900/s against ≥ 980/s"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    /// <summary>A third of the upgrades refused with 503: connect success and error rate fail, by the server's own answer.</summary>
    private static RunResult Refused(RunResult run) => run with
    {
        Summary = run.Summary with { Connections = run.Summary.Connections with { Attempted = 150, Established = 100, Failed = 50 } },
        ErrorsByClass = new Dictionary<string, long> { ["upgrade-rejected-503"] = 50 },
    };

    private static RunResult FewSamples(RunResult run) => run with
    {
        Summary = run.Summary with
        {
            Messages = run.Summary.Messages with { Sent = 40, Received = 40, ThroughputPerSec = 1000 },
            LatencyMs = new LatencySummaries { Rtt = new LatencySummary { Count = 40, P99 = 10 } },
        },
    };
}
