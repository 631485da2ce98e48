using WsLoad.Analysis;
using WsLoad.Analysis.Failures;
using WsLoad.Analysis.RootCauses;
using WsLoad.Results;
using WsLoad.Tests.Analysis.Failures;

namespace WsLoad.Tests.Analysis.RootCauses;

/// <summary>Each planted situation ranks its cause first, with evidence quoting its figures; a clean run yields none.</summary>
public sealed class RootCauseRankingTests
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "server-cpu", "server-cpu-saturated", "server CPU 190% of 2 cores (95%) at 14 s, when the trouble began at 15 s" },
        { "connection-limit", "connection-limit", "open connections reached 50 while the plan wanted 100" },
        { "fault", "fault-injected", "the failures began" },
        { "server-closing", "server-closing", "120 of 120 failures (100%) were server closes" },
        { "stall", "server-stall", "peak 2,000 ms at 11 s" },
        { "local-exhaustion", "local-resource-exhaustion", "40 failures for lack of file descriptors" },
        { "generator-saturated", "generator-saturated", "the generator was saturated from 13 s to 20 s (generator-cpu)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_planted_cause_ranks_first_with_its_figures(string situation, string expectedKind, string evidence)
    {
        var causes = Rank(Plant(situation));

        Assert.True(causes.Count > 0, situation);
        Assert.True(expectedKind == causes[0].Kind, $"{situation}: {string.Join(" | ", causes.Select(c => $"{c.Kind} {c.Confidence}"))}");
        Assert.Contains(causes[0].Supporting, s => s.Contains(evidence, StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(causes[0].Rule));
    }

    [Fact]
    public void A_clean_run_yields_no_cause()
    {
        Assert.Empty(Rank(new SyntheticRun().Quiet(30).Build()));
    }

    [Fact]
    public void A_saturated_generator_lowers_the_server_causes_and_says_why()
    {
        var alone = Rank(Plant("server-cpu")).Single(c => c.Kind == "server-cpu-saturated");
        var saturated = Rank(Plant("generator-saturated")).Single(c => c.Kind == "server-cpu-saturated");

        Assert.True(saturated.Confidence < alone.Confidence, $"{saturated.Confidence} vs {alone.Confidence}");
        Assert.Contains(saturated.Contradicting, s => s.Contains("the server may not be to blame", StringComparison.Ordinal));
    }

    [Fact]
    public void A_one_second_generator_saturation_does_not_outrank_eleven_seconds_of_server_cpu_trouble()
    {
        // The server-cpu situation (resets from 15 s to 25 s while the server's CPU is saturated) with the generator
        // saturated for one second at its start: before, both ranked 0.6 and the generator won the tie.
        var run = Plant("server-cpu") with
        {
            GeneratorHealth = new GeneratorHealth { Saturated = true, SaturatedIntervals = 1, MaxCpuPercent = 199, Periods = [new SaturationPeriod { FromSeconds = 13, ToSeconds = 14, Reasons = ["generator-cpu"] }] },
        };

        var causes = Rank(run);

        Assert.True(causes[0].Kind == "server-cpu-saturated", string.Join(" | ", causes.Select(c => $"{c.Kind} {c.Confidence}")));
        var generator = causes.Single(c => c.Kind == "generator-saturated");
        Assert.Contains(generator.Contradicting, e => e.Contains("saturated for 1 s around the trouble's 11 s (from 2 s before its onset; 9.1%): too short to explain the rest", StringComparison.Ordinal));
        Assert.Contains(causes[0].Contradicting, e => e.Contains("the server may not be to blame for that stretch, 1 s around the trouble's 11 s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_latency_climb_without_failures_starting_when_the_server_cpu_saturates_names_the_cpu()
    {
        // No failure at all: rtt p99 2 ms until 12 s, then climbing (a server falling behind) from 14 s, while its CPU is
        // at 95% of the 2 cores from 13 s. The knee (not a spike against the whole run's median) marks the onset.
        // +10 ms a second: the spike rule (5x the run's median) only fires from 19 s; the knee (3x the early p99) at 14 s.
        var climbing = Cpu(new SyntheticRun().Seconds(25, (i, s) => s with { RttP99 = i < 13 ? 2 : 2 + (10 * (i - 12)) }));

        var causes = Rank(climbing);

        Assert.True(causes.Count > 0 && causes[0].Kind == "server-cpu-saturated", string.Join(" | ", causes.Select(c => $"{c.Kind} {c.Confidence}")));
        Assert.Contains(causes[0].Supporting, e => e.Contains("when the trouble began at 14 s", StringComparison.Ordinal));
    }

    private static IReadOnlyList<RootCause> Rank(RunResult run) => RootCauseRanker.Rank(run, FailureAnalysis.Analyze(run));

    private static RunResult Plant(string situation) => situation switch
    {
        // Server CPU 50% until 13 s, then 190% of one core (95% of 2 cores); 1006 resets from the interval ending at 15 s.
        "server-cpu" => Cpu(new SyntheticRun().Seconds(25, (i, s) => SyntheticRun.WithErrors(s, i >= 14 ? new() { ["close-1006-reset"] = 30 } : []))),
        "generator-saturated" => Cpu(new SyntheticRun().Seconds(25, (i, s) => SyntheticRun.WithErrors(s, i >= 14 ? new() { ["close-1006-reset"] = 30 } : [])))
            with
        { GeneratorHealth = new GeneratorHealth { Saturated = true, SaturatedIntervals = 7, MaxCpuPercent = 199, Periods = [new SaturationPeriod { FromSeconds = 13, ToSeconds = 20, Reasons = ["generator-cpu"] }] } },
        "connection-limit" => new SyntheticRun().Seconds(20, (i, s) => i < 5
            ? s with { OpenConnections = (i + 1) * 10, ConnectsEstablished = 10 }
            : SyntheticRun.WithErrors(s with { OpenConnections = 50, ConnectsFailed = i == 5 ? 50 : 0 }, i == 5 ? new() { ["upgrade-rejected-503"] = 50 } : [])).Build(),
        "fault" => new SyntheticRun().Quiet(20).Event(19.5, "latency-added", RunEventSource.Network)
            .Seconds(5, (_, s) => SyntheticRun.WithErrors(s, new() { ["close-1006-timeout"] = 40 })).Quiet(10).Build(),
        "server-closing" => new SyntheticRun().Quiet(10).Seconds(4, (_, s) => SyntheticRun.WithErrors(s, new() { ["close-1011"] = 30 })).Quiet(6).Build()
            with
        { CloseCodes = new Dictionary<string, long> { ["1011"] = 120 } },
        "stall" => new SyntheticRun().Seconds(20, (i, s) => i == 10 ? s with { RttP99 = 2000, Received = 100 } : s).Build(),
        "local-exhaustion" => new SyntheticRun().Quiet(10).Seconds(4, (_, s) => SyntheticRun.WithErrors(s with { ConnectsFailed = 10 }, new() { ["connect-too-many-files"] = 10 })).Quiet(6).Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(situation), situation, null),
    };

    private static RunResult Cpu(SyntheticRun run)
    {
        var built = run.Build();
        return built with
        {
            Environment = new RunEnvironment { ProcessorCount = 2 },
            Series = [.. built.Series.Select((s, i) => s with { Server = new ProcessSample { ProcessId = 9, CpuPercent = i >= 13 ? 190 : 50 } })],
        };
    }
}
