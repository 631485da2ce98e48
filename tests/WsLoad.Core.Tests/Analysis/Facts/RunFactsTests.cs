using WsLoad.Analysis.Facts;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Analysis.Facts;

/// <summary>The facts findings and next steps rest on, read from the series: the latency knee, the server's GC and CPU.</summary>
public sealed class RunFactsTests
{
    [Fact]
    public void The_knee_is_the_first_of_two_seconds_past_three_times_the_early_p99_and_one_spike_is_not()
    {
        double[] p99 = [2, 2.1, 1.9, 2, 2.2, 2, 40, 2, 2.1, 9, 12, 30, 45];
        var facts = RunFacts.Of(Run(p99.Select((p, i) => Second(i + 1, rttP99: p, open: 100 * (i + 1))).ToList()));

        Assert.Equal(2, facts.EarlyRttP99Ms);
        Assert.Equal(10, facts.LatencyKneeAt!.AtSeconds); // 9 ms > max(3 x 2, 2 + 5); the lone 40 ms at 7 s is not a knee
        Assert.Equal(1000, facts.LatencyKneeAt.OpenConnections);
        Assert.Equal(9, facts.LatencyKneeP99Ms);
    }

    [Fact]
    public void A_rise_during_the_ramp_that_the_hold_at_full_load_came_back_from_is_not_a_knee()
    {
        // An exponential ramp's connect churn: p99 10-21 ms at 600-1,000 connections, then 1-2 ms holding 10,000.
        double[] p99 = [1, 1.1, 0.9, 1, 1, 10, 11, 21, 12, 7.4, 1.5, 1.7, 1.6, 0.9, 1.4, 1.5, 1.2, 1.3];
        var series = p99.Select((p, i) => Second(i + 1, rttP99: p, open: i < 10 ? 100 * (i + 1) : 10_000)).ToList();

        Assert.Null(RunFacts.Of(Run(series)).LatencyKneeAt);

        // The same rise that latency stays above at full load is one.
        var stayed = series.Select((s, i) => i >= 10 ? s with { RttP99 = 15 } : s).ToList();
        Assert.Equal(6, RunFacts.Of(Run(stayed)).LatencyKneeAt!.AtSeconds);
    }

    [Fact]
    public void A_rise_while_the_ramp_down_closes_connections_is_not_a_knee()
    {
        double[] p99 = [2, 2.1, 1.9, 2, 2.2, 2, 2, 2.1, 20, 25, 30];
        var series = p99.Select((p, i) => Second(i + 1, rttP99: p, open: i < 8 ? 1_000 : 1_000 - (300 * (i - 7)))).ToList();

        Assert.Null(RunFacts.Of(Run([.. series.Select((s, i) => i >= 8 ? s with { Phase = "ramp-down" } : s)])).LatencyKneeAt);
        Assert.Equal(9, RunFacts.Of(Run(series)).LatencyKneeAt!.AtSeconds); // the same seconds in the hold are one
    }

    [Fact]
    public void Flat_latency_has_no_knee()
    {
        var facts = RunFacts.Of(Run([.. Enumerable.Range(1, 12).Select(i => Second(i, rttP99: 3 + (i % 2)))]));

        Assert.Null(facts.LatencyKneeAt);
    }

    [Fact]
    public void The_servers_gc_pauses_are_summed_and_their_busiest_second_named_when_sampled()
    {
        double?[] gc = [null, 2, 30, 5];
        var series = gc.Select((g, i) => Second(i + 1, rttP99: 1, open: 100 * (i + 1)) with { Server = new ProcessSample { ProcessId = 7, GcPauseMs = g } }).ToList();

        var facts = RunFacts.Of(Run(series));

        Assert.Equal((37.0, 30.0, 3.0, 300L), (facts.ServerGcTotalMs!.Value, facts.ServerGcPeakMs!.Value, facts.ServerGcPeakAt!.AtSeconds, facts.ServerGcPeakAt.OpenConnections));
        Assert.Null(RunFacts.Of(Run([Second(1, rttP99: 1)])).ServerGcPeakAt);
    }

    [Fact]
    public void Server_saturation_is_the_first_second_at_90_percent_of_all_cores_and_is_not_judged_without_the_cores()
    {
        var series = Enumerable.Range(1, 6).Select(i => Second(i, rttP99: 1, open: i * 10, serverCpu: i * 35.0)).ToList();

        var facts = RunFacts.Of(Run(series, cores: 2));
        Assert.Equal(6, facts.ServerSaturatedAt!.AtSeconds); // 210% of one core >= 90% of 2 cores; 175% is not
        Assert.Equal(210, facts.ServerCpuPeakPercent);

        // Cores unknown: the share cannot be told, as in the root causes' rule (which used to say otherwise here).
        var unknown = RunFacts.Of(Run(series, cores: 0));
        Assert.Null(unknown.ServerSaturatedAt);
        Assert.Equal(210, unknown.ServerCpuPeakPercent);
    }

    private static RunResult Run(IReadOnlyList<IntervalSample> series, int cores = 2) => new()
    {
        Scenario = new Scenario { Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/") } },
        Environment = new RunEnvironment { ProcessorCount = cores },
        Summary = new RunSummary { Connections = new ConnectionSummary(), Messages = new MessageSummary(), LatencyMs = new LatencySummaries() },
        Series = series,
    };

    private static IntervalSample Second(int at, double rttP99, long open = 100, double? serverCpu = null) => new()
    {
        AtSeconds = at,
        OpenConnections = open,
        Received = 1_000,
        Sent = 1_000,
        RttP99 = rttP99,
        Server = serverCpu is { } cpu ? new ProcessSample { CpuPercent = cpu } : null,
    };
}
