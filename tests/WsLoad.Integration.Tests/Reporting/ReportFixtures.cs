using System.Globalization;
using WsLoad.Reporting;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Reporting;

/// <summary>Fixture results for reporter snapshot tests, and rendering a reporter to bytes.</summary>
internal static class ReportFixtures
{
    /// <summary>
    /// The CLI fixture with a hold and the connection-end figures, a fixed start time and environment so the report is
    /// the same everywhere.
    /// </summary>
    public static RunResult Fixture() => SampleRuns.WithHoldAndEnds(SampleRuns.Result(RunStatus.ThresholdsFailed)) with
    {
        StartedAt = new DateTimeOffset(2026, 11, 27, 6, 30, 0, TimeSpan.Zero),
        StatusReason = "rtt.p99 < 10ms",
        Environment = new RunEnvironment { MachineName = "fixture", Os = "Linux", Runtime = ".NET 10", ProcessorCount = 2, OpenFileLimit = 20_000 },
        ToolVersion = "0.1.0",
    };

    /// <summary>
    /// <see cref="Fixture"/> with three seconds of series (ramp-up with every resource sampled, a saturated hold second,
    /// and a closing second with no replies and no resources) and the generator health that goes with them.
    /// </summary>
    public static RunResult WithSeries() => Fixture() with
    {
        Series =
        [
            new IntervalSample
            {
                AtSeconds = 1, Phase = "ramp-up", TargetConnections = 5_000, OpenConnections = 4_990, ConnectsAttempted = 5_000, ConnectsEstablished = 4_990,
                ConnectsFailed = 2, Errors = 2, ConnectP50 = 0.875, ConnectP99 = 7.125,
                Generator = new GeneratorSample { CpuPercent = 87.5, RssBytes = 104_857_600, GcHeapBytes = 52_428_800, GcPauseMs = 1.25, Threads = 24, ThreadPoolThreads = 8, SchedulingLagMs = 0.5, OpenFiles = 5_012 },
                Server = new ProcessSample { ProcessId = 4242, CpuPercent = 35.5, RssBytes = 73_400_320, Threads = 18, OpenFiles = 5_010 },
                Machine = new MachineSample { CpuPercent = 61.25, MemoryUsedBytes = 8_589_934_592, MemoryTotalBytes = 25_769_803_776 },
            },
            new IntervalSample
            {
                AtSeconds = 2, Phase = "hold", TargetConnections = 10_000, OpenConnections = 9_997, ConnectsAttempted = 5_000, ConnectsEstablished = 5_008,
                Dropped = 3, Sent = 149_970, Received = 149_950, BytesSent = 9_598_080, BytesReceived = 9_596_800, Errors = 3,
                RttP50 = 1.25, RttP90 = 3.5, RttP99 = 12.34, RttP999 = 45.6, RttMax = 250.5,
                Generator = new GeneratorSample
                {
                    CpuPercent = 196.4, RssBytes = 209_715_200, GcHeapBytes = 104_857_600, GcPauseMs = 12.5, Threads = 30, ThreadPoolThreads = 16, ThreadPoolQueue = 3,
                    SchedulingLagMs = 120.25, OpenFiles = 10_015, Saturated = true, SaturationReasons = ["generator-cpu: 196% of 200%", "scheduling-lag: a send loop woke 120 ms late"],
                },
                Server = new ProcessSample { ProcessId = 4242, CpuPercent = 80, RssBytes = 146_800_640, Threads = 20, OpenFiles = 10_012 },
                Machine = new MachineSample { CpuPercent = 99.5, MemoryUsedBytes = 8_858_370_048, MemoryTotalBytes = 25_769_803_776, TcpRetransmits = 12, TcpTimeouts = 1, PacketDrops = 0 },
            },
            new IntervalSample { AtSeconds = 3, Phase = "closing" },
        ],
        GeneratorHealth = new GeneratorHealth
        {
            Saturated = true,
            SaturatedIntervals = 1,
            Periods = [new SaturationPeriod { FromSeconds = 1, ToSeconds = 2, Reasons = ["generator-cpu", "scheduling-lag"] }],
            MaxCpuPercent = 196.4,
            MaxSchedulingLagMs = 120.25,
            MaxThreadPoolQueue = 3,
        },
    };

    /// <summary>
    /// A rate-driven run (100 connections × 15/s = 1,500 msg/s planned) against a server whose CPU saturated (≥ 90% of
    /// the 2 cores from 4 s) with a summary throughput of 0 while the hold's whole seconds (4–10 s) received 9,497
    /// replies, 1,356.7 a second: the summary and the series disagree, as in the run that showed issue 11's item 8.
    /// </summary>
    public static RunResult SaturatedServer()
    {
        long[] received = [400, 1_000, 1_210, 1_402, 1_371, 1_333, 1_349, 1_368, 1_340, 1_334, 150];
        var series = received.Select((r, i) => new IntervalSample
        {
            AtSeconds = i + 1,
            Phase = i < 2 ? "ramp-up" : i < 10 ? "hold" : "closing",
            TargetConnections = i < 2 ? 50 * (i + 1) : 100,
            OpenConnections = i < 2 ? 50 * (i + 1) : 100,
            Sent = r + 10,
            Received = r,
            RttP50 = 4,
            RttP99 = 9,
            Server = new ProcessSample { ProcessId = 4242, CpuPercent = i < 3 ? 55 * (i + 1) : 195, RssBytes = 73_400_320 },
        }).ToList();
        var fixture = Fixture();
        return fixture with
        {
            Status = RunStatus.Completed,
            StatusReason = null,
            Thresholds = [],
            Scenario = fixture.Scenario with
            {
                Connections = new ConnectionOptions { Count = 100, Ramp = new RampOptions { Duration = TimeSpan.FromSeconds(2) }, Hold = TimeSpan.FromSeconds(8) },
                Messages = new MessageOptions { RatePerSecond = 15 },
            },
            DurationSeconds = 11,
            Phases = new Dictionary<string, PhaseSummary>(), // the series alone, as in that run's report
            Summary = fixture.Summary with
            {
                Messages = new MessageSummary { Sent = received.Sum() + 110, Received = received.Sum(), Lost = 110, ThroughputPerSec = 0 },
            },
            Series = series,
        };
    }

    /// <summary>
    /// A capacity probe: a pause-ramp checkpoint on refused connects that fired three times (held the ramp 6-9 s, 10-13 s
    /// and from 14 s) and found 300 connections the highest level held healthy (at 5 s), and an unnamed mark that never
    /// fired. The run completed.
    /// </summary>
    public static RunResult CapacityProbe() => Fixture() with
    {
        Status = RunStatus.Completed,
        StatusReason = null,
        Thresholds = [],
        Checkpoints = new CheckpointsSummary
        {
            Items =
            [
                new CheckpointSummary
                {
                    Name = "refusals", When = "connections.failed[2s] > 0", Action = "pause-ramp", Fired = 3, FirstFiredSeconds = 6.001,
                    SecondsHeld = 9, SecondsJudged = 16, WorstValue = 61, Unit = "count",
                },
                new CheckpointSummary { Name = "rtt.p99[5s] > 200ms", When = "rtt.p99[5s] > 200ms", Action = "mark", SecondsJudged = 16, Unit = "ms" },
            ],
            HighestHealthyLevel = 300,
            HighestHealthyAtSeconds = 5.001,
        },
        Events =
        [
            Checkpoint(6.001, true, "refusals: connections.failed[2s] > 0 held (connections.failed[2s] = 60) → pause-ramp"),
            Checkpoint(9.001, false, "refusals: connections.failed[2s] > 0 cleared (connections.failed[2s] = 0)"),
            Checkpoint(10.001, true, "refusals: connections.failed[2s] > 0 held (connections.failed[2s] = 59) → pause-ramp"),
            Checkpoint(13.002, false, "refusals: connections.failed[2s] > 0 cleared (connections.failed[2s] = 0)"),
            Checkpoint(14.001, true, "refusals: connections.failed[2s] > 0 held (connections.failed[2s] = 61) → pause-ramp"),
        ],
    };

    /// <summary>
    /// A run stopped by a checkpoint: "crowded" ramped it down at 5 s (closed 63 of 250), "refusal alert" fired at 6 s and
    /// cleared at 8 s, "slow replies" aborted it at 12 s (worst 812.5 ms); an unnamed mark and a pause-ramp never fired.
    /// </summary>
    public static RunResult StoppedByCheckpoint() => Fixture() with
    {
        Status = RunStatus.Aborted,
        StatusReason = "checkpoint 'slow replies': rtt.p99[10s] > 500ms for 2s held (rtt.p99[10s] = 812.5 ms)",
        DurationSeconds = 12.4,
        Thresholds = [],
        Checkpoints = new CheckpointsSummary
        {
            Items =
            [
                new CheckpointSummary
                {
                    Name = "crowded", When = "connections.open > 200", Action = "ramp-down", Fired = 1, FirstFiredSeconds = 5.001,
                    SecondsHeld = 1, SecondsJudged = 12, WorstValue = 250, Unit = "count",
                },
                new CheckpointSummary
                {
                    Name = "refusal alert", When = "connections.failed[2s] > 0", Action = "alert", Fired = 1, FirstFiredSeconds = 6.001,
                    SecondsHeld = 2, SecondsJudged = 12, WorstValue = 4, Unit = "count",
                },
                new CheckpointSummary
                {
                    Name = "slow replies", When = "rtt.p99[10s] > 500ms for 2s", Action = "abort", Fired = 1, FirstFiredSeconds = 12.002,
                    SecondsHeld = 1, SecondsJudged = 12, WorstValue = 812.5, Unit = "ms",
                },
                new CheckpointSummary { Name = "errors.rate[5s] > 5%", When = "errors.rate[5s] > 5%", Action = "mark", SecondsJudged = 12, Unit = "%" },
                new CheckpointSummary { Name = "saturated", When = "generator.saturated for 3s", Action = "pause-ramp", SecondsJudged = 12, Unit = "flag" },
            ],
            HighestHealthyLevel = 250,
            HighestHealthyAtSeconds = 5.001,
        },
        Events =
        [
            Checkpoint(5.001, true, "crowded: connections.open > 200 held (connections.open = 250) → ramp-down"),
            new RunEvent
            {
                AtSeconds = 5.001, Source = RunEventSource.Run, Kind = "ramp-down", Count = 63,
                Description = "checkpoint 'crowded' ramped the run down: closed 63 of 250 open connections, and opens no more",
            },
            Checkpoint(6.001, false, "crowded: connections.open > 200 cleared (connections.open = 187)"),
            Checkpoint(6.001, true, "refusal alert: connections.failed[2s] > 0 held (connections.failed[2s] = 4) → alert"),
            Checkpoint(8.001, false, "refusal alert: connections.failed[2s] > 0 cleared (connections.failed[2s] = 0)"),
            Checkpoint(12.002, true, "slow replies: rtt.p99[10s] > 500ms for 2s held (rtt.p99[10s] = 812.5 ms) → abort"),
            new RunEvent
            {
                AtSeconds = 12.002, Source = RunEventSource.Run, Kind = "run-aborted",
                Description = "checkpoint 'slow replies': rtt.p99[10s] > 500ms for 2s held (rtt.p99[10s] = 812.5 ms)",
            },
        ],
    };

    private static RunEvent Checkpoint(double at, bool fired, string description) => new()
    {
        AtSeconds = at,
        Source = RunEventSource.Run,
        Kind = fired ? "checkpoint-fired" : "checkpoint-cleared",
        Description = description,
    };

    /// <summary>
    /// Asserts <paramref name="actual"/> equals the snapshot; with WSLOAD_UPDATE_SNAPSHOTS=1 (and the invariant culture)
    /// writes it first. Read the diff before committing an update.
    /// </summary>
    public static async Task AssertSnapshotAsync(string name, byte[] actual, string culture)
    {
        if (Environment.GetEnvironmentVariable("WSLOAD_UPDATE_SNAPSHOTS") == "1" && culture.Length == 0)
        {
            await File.WriteAllBytesAsync(SnapshotPath(name), actual);
        }

        Assert.Equal(await File.ReadAllBytesAsync(SnapshotPath(name)), actual);
    }

    public static string SnapshotPath(string name) => Path.Combine(RepositoryPaths.Root, "tests", "WsLoad.Integration.Tests", "Reporting", "Snapshots", name);

    /// <summary>The bytes <paramref name="reporter"/> writes for <paramref name="result"/>, rendered with <paramref name="culture"/> as the current culture.</summary>
    public static async Task<byte[]> RenderAsync(IReporter reporter, RunResult result, string culture = "")
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            using var stream = new MemoryStream();
            await reporter.WriteAsync(result, stream, CancellationToken.None);
            return stream.ToArray();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
