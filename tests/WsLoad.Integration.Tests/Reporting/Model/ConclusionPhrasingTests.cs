using System.Reflection;
using WsLoad.Analysis.Anomalies;
using WsLoad.Analysis.Conclusions;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Tests.Cli;
using Finding = WsLoad.Reporting.Model.Finding;
using Recommendation = WsLoad.Reporting.Model.Recommendation;

namespace WsLoad.Tests.Reporting.Model;

/// <summary>
/// Analysis decides, reporting phrases: every finding and next step Analysis can make is made by one of these runs and
/// phrased from its own figures (a figure named differently on the two sides fails here, not in a user's report).
/// </summary>
public sealed class ConclusionPhrasingTests
{
    [Fact]
    public void Every_finding_and_next_step_is_made_by_some_run_and_phrased_from_its_figures()
    {
        RunResult[] runs = [Troubled(), Clean(thresholds: []), Clean(thresholds: ["rtt.p99 < 500ms"]), FireAndForget(), NoConnections(), LateSends(), Broadcast(missing: 0), Broadcast(missing: 25)];

        var findings = runs.SelectMany(r => RunConclusions.Of(r).Findings).ToList();
        var steps = runs.SelectMany(r => RunConclusions.Of(r).NextSteps).ToList();
        var phrased = Finding.Of(findings);
        var advised = Recommendation.Of(steps);

        Assert.Equal(Ids(typeof(FindingIds)), findings.Select(f => f.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Ids(typeof(NextStepIds)), steps.Select(s => s.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(findings.Select(f => (f.Id, f.Severity)), phrased.Select(f => (f.Id, f.Severity)));
        Assert.All(phrased.Select(f => f.Text).Concat(advised.SelectMany(r => new[] { r.Action, r.Evidence })), text =>
        {
            Assert.EndsWith(".", text, StringComparison.Ordinal);
            Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Findings_are_ordered_by_severity_and_the_knee_is_a_heuristic()
    {
        var findings = RunConclusions.Of(Troubled()).Findings;

        Assert.Equal(findings.OrderBy(f => f.Severity).Select(f => f.Id), findings.Select(f => f.Id));
        Assert.Equal(FindingConfidence.Medium, Assert.Single(findings, f => f.Id == FindingIds.LatencyKnee).Confidence);
        var shortfall = Assert.Single(findings, f => f.Id == FindingIds.ThroughputShort);
        Assert.Equal((9_996.5, 20_000), (shortfall.Evidence.Value("per-second"), shortfall.Evidence.Value("planned-per-second")));
    }

    private static List<string> Ids(Type ids) =>
        [.. ids.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal)];

    /// <summary>Everything at once: failed connects of four kinds, drops, lost messages, retries, a latency knee, a short
    /// throughput, a saturated generator and server, TCP timeouts, and an interrupted run.</summary>
    private static RunResult Troubled()
    {
        var sample = SampleRuns.Result(RunStatus.Interrupted);
        double[] p99 = [2, 2.1, 1.9, 2, 2.2, 2, 2, 2.1, 9, 12, 30, 45];
        return sample with
        {
            Scenario = sample.Scenario with { Messages = new MessageOptions { TotalRatePerSecond = 20_000 } },
            Environment = new RunEnvironment { ProcessorCount = 2, OpenFileLimit = 1_024, EphemeralPortRange = "32768 60999" },
            ErrorsByClass = new Dictionary<string, long>
            {
                ["connect-too-many-files"] = 3,
                ["connect-address-in-use"] = 2,
                ["connect-timeout"] = 2,
                ["upgrade-rejected-503"] = 1,
                ["close-1011"] = 3,
            },
            HandshakeStatuses = new Dictionary<string, long> { ["101"] = 9_998, ["503"] = 1 },
            CloseCodes = new Dictionary<string, long> { ["1011"] = 3 },
            Summary = sample.Summary with
            {
                Availability = new AvailabilitySummary { OverallPercent = 99 },
                Messages = sample.Summary.Messages with { Late = 1, MissedSends = 5 },
                LatencyMs = sample.Summary.LatencyMs with { Response = new LatencySummary { Count = 299_900, P999 = 950 } },
                Retry = new RetrySummary { AfterMs = 500, Retransmissions = 70, MessagesRetried = 64, MessagesRecovered = 63, GaveUp = 1 },
            },
            Series = [.. p99.Select((p, i) => new IntervalSample
            {
                AtSeconds = i + 1, Phase = "hold", OpenConnections = 100 * (i + 1), Received = 1_000, Sent = 1_000, RttP99 = p,
                Server = new ProcessSample { CpuPercent = i < 10 ? 100 : 190 },
                Machine = new MachineSample { TcpTimeouts = i == 3 ? 1 : 0, PacketDrops = i == 3 ? 2 : 0 },
            })],
            GeneratorHealth = new GeneratorHealth
            {
                Saturated = true,
                SaturatedIntervals = 2,
                MaxCpuPercent = 198,
                MaxSchedulingLagMs = 120,
                Periods = [new SaturationPeriod { FromSeconds = 10, ToSeconds = 12, Reasons = ["generator-cpu"] }],
            },
        };
    }

    /// <summary>Every connection open, every message back, the planned 10,000/s held.</summary>
    private static RunResult Clean(IReadOnlyList<string> thresholds)
    {
        var sample = SampleRuns.Result();
        return sample with
        {
            Scenario = sample.Scenario with { Messages = new MessageOptions { TotalRatePerSecond = 10_000 }, Thresholds = thresholds },
            Thresholds = [],
            ErrorsByClass = new Dictionary<string, long>(),
            Summary = sample.Summary with
            {
                Connections = new ConnectionSummary { Attempted = 100, Established = 100, Peak = 100, ConnectRatePerSec = 50 },
                Messages = new MessageSummary { Sent = 100_000, Received = 100_000, ThroughputPerSec = 9_999 },
            },
            Series = [.. Enumerable.Range(1, 10).Select(i => new IntervalSample { AtSeconds = i, Phase = "hold", OpenConnections = 100, Received = 10_000, RttP99 = 2 })],
        };
    }

    private static RunResult FireAndForget()
    {
        var clean = Clean(thresholds: []);
        return clean with { Scenario = clean.Scenario with { Messages = new MessageOptions { RatePerSecond = 1, Expect = ExpectMode.None } } };
    }

    private static RunResult Broadcast(long missing)
    {
        var clean = Clean(thresholds: []);

        // With missing deliveries the fan-out also falls behind: p99 2 ms for the first seconds, then 10x that.
        var series = clean.Series.Select((s, i) => missing == 0
            ? s with { FanoutP99 = 2, FanoutDue = 100, FanoutDelivered = 100 }
            : s with { FanoutP99 = i < clean.Series.Count / 2 ? 2 : 20, FanoutDue = 100, FanoutDelivered = i == clean.Series.Count / 2 ? 100 - missing : 100 }).ToList();
        return clean with
        {
            Series = series,
            Scenario = clean.Scenario with { Messages = new MessageOptions { RatePerSecond = 1, Expect = ExpectMode.Broadcast } },
            Summary = clean.Summary with
            {
                Fanout = new FanoutSummary
                {
                    Published = 100,
                    Due = 10_000,
                    Delivered = 10_000 - missing,
                    Missing = missing,
                    ReachPercent = 100.0 * (10_000 - missing) / 10_000,
                    MinMessageReachPercent = missing > 0 ? 75 : 100,
                    MessagesDue = 100,
                    MessagesAtFullReach = missing > 0 ? 99 : 100,
                    LatencyMs = new LatencySummary { Count = 10_000 - missing, P50 = 1.5, P99 = 4, P999 = 9 },
                    CompleteMs = new LatencySummary { Count = 99, P99 = 6 },
                },
            },
        };
    }

    private static RunResult NoConnections()
    {
        var sample = SampleRuns.Result();
        return sample with { Summary = sample.Summary with { Connections = new ConnectionSummary(), Messages = new MessageSummary() } };
    }

    private static RunResult LateSends()
    {
        var sample = SampleRuns.Result();
        return sample with
        {
            Summary = sample.Summary with { LatencyMs = sample.Summary.LatencyMs with { Response = new LatencySummary { Count = 299_900, P999 = 950 } } },
        };
    }
}
