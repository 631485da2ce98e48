using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Cli;

/// <summary>Fixture results and scenarios for CLI tests; the numbers are chosen so they are easy to find in output.</summary>
internal static class SampleRuns
{
    public static Scenario Scenario(string url = "ws://127.0.0.1:9/ws") => new()
    {
        Name = "fixture",
        Target = new TargetOptions { Url = new Uri(url) },
    };

    public static RunResult Result(RunStatus status = RunStatus.Completed) => new()
    {
        Scenario = Scenario(),
        Environment = new RunEnvironment { MachineName = "test" },
        DurationSeconds = 53.25,
        Status = status,
        StatusReason = status == RunStatus.Interrupted ? "interrupted by signal" : null,
        Summary = new RunSummary
        {
            Connections = new ConnectionSummary
            {
                Attempted = 10_000,
                Established = 9_998,
                Failed = 2,
                Dropped = 3,
                Peak = 9_997,
                ConnectRatePerSec = 512.75,
            },
            Messages = new MessageSummary
            {
                Sent = 299_940,
                Received = 299_900,
                Lost = 40,
                Duplicated = 1,
                OutOfOrder = 5,
                Corrupted = 0,
                ThroughputPerSec = 9_996.5,
            },
            LatencyMs = new LatencySummaries
            {
                Rtt = new LatencySummary { Count = 299_900, P50 = 1.25, P90 = 3.5, P95 = 4.75, P99 = 12.34, P999 = 45.6, Max = 250.5, Mean = 1.875 },
                Connect = new LatencySummary { Count = 9_998, P50 = 0.875, P95 = 2.5, P99 = 7.125, Max = 31.5 },
            },
        },
        Thresholds =
        [
            new ThresholdResult { Expression = "rtt.p99 < 500ms", Value = 12.34, Passed = true },
            new ThresholdResult { Expression = "connect.success > 99.99%", Value = 99.98, Passed = status != RunStatus.ThresholdsFailed },
        ],
        ErrorsByClass = new Dictionary<string, long> { ["connect_timeout"] = 2, ["server_close"] = 3 },
    };

    /// <summary>
    /// <paramref name="result"/> with a 30 s hold (20-50 s) whose figures differ from the whole run's (the whole run's
    /// tail is longer: it counts the ramps and the close), and the figures of how connections ended: 7 messages
    /// unanswered at close, the close handshake and the connections' lifetime.
    /// </summary>
    public static RunResult WithHoldAndEnds(RunResult result) => result with
    {
        Summary = result.Summary with
        {
            Connections = result.Summary.Connections with
            {
                LifetimeSeconds = new LatencySummary { Count = 10_001, P50 = 33.5, P90 = 35.25, P95 = 36, P99 = 36.75, P999 = 37.25, Max = 37.5, Mean = 33.125 },
            },
            Messages = result.Summary.Messages with { UnansweredAtClose = 7 },
            LatencyMs = result.Summary.LatencyMs with
            {
                CloseHandshake = new LatencySummary { Count = 9_995, P50 = 0.625, P90 = 1.5, P95 = 2.25, P99 = 4.375, P999 = 9.5, Max = 12.5, Mean = 0.75 },
            },
        },
        Phases = new Dictionary<string, PhaseSummary>
        {
            ["ramp-up"] = new() { FromSeconds = 0, ToSeconds = 20, Intervals = 20 },
            ["hold"] = new()
            {
                FromSeconds = 20,
                ToSeconds = 50,
                Intervals = 30,
                Counters = new Metrics.SnapshotCounters { Sent = 299_940, Received = 299_895 },
                ReceivedPerSec = 9_996.5,
                SentPerSec = 9_998,
                Rtt = new LatencySummary { Count = 299_895, P50 = 1.125, P90 = 2.625, P95 = 3.375, P99 = 8.625, P999 = 21.75, Max = 120.5, Mean = 1.5 },
                Response = new LatencySummary { Count = 299_895, P50 = 1.375, P90 = 3, P95 = 4, P99 = 9.875, P999 = 30.25, Max = 140.5, Mean = 1.75 },
            },
            ["closing"] = new() { FromSeconds = 50, ToSeconds = 53.25, Intervals = 4, Counters = new Metrics.SnapshotCounters { Received = 5 } },
        },
    };

    /// <summary>
    /// The drop run of issue 12: 2,000 connections, half of them dropped by the server and all of those back, so the
    /// connection counters (which count reconnects too) say 3,000 attempted and established.
    /// </summary>
    public static RunResult DropRun() => Result() with
    {
        Thresholds = [],
        ErrorsByClass = new Dictionary<string, long>(),
        Summary = Result().Summary with
        {
            Connections = new ConnectionSummary { Attempted = 3_000, Established = 3_000, Dropped = 1_000, Peak = 2_000, ConnectRatePerSec = 400 },
            Recovery = new RecoverySummary { Policy = "exponential", Drops = 1_000, ReconnectAttempts = 1_000, Reconnects = 1_000 },
        },
    };
}
