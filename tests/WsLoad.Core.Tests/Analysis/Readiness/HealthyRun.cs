using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Analysis.Readiness;

/// <summary>A clean 20-second hold at a planned 1,000 replies/s (100 connections × 10/s), to be bent by each test.</summary>
internal static class HealthyRun
{
    public static RunResult Build(int holdSeconds = 20, params string[] thresholds)
    {
        var series = Enumerable.Range(0, holdSeconds).Select(i => new IntervalSample
        {
            AtSeconds = i + 1,
            Phase = "hold",
            TargetConnections = 100,
            OpenConnections = 100,
            Sent = 1000,
            Received = 1000,
            RttP50 = 4,
            RttP99 = 10,
            Generator = new GeneratorSample { CpuPercent = 40 },
            Machine = new MachineSample { CpuPercent = 30, MemoryUsedBytes = 4L << 30, MemoryTotalBytes = 16L << 30 },
        }).ToList();
        long messages = 1000L * holdSeconds;
        return new RunResult
        {
            Scenario = new Scenario
            {
                Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/") },
                Connections = new ConnectionOptions { Count = 100, Hold = TimeSpan.FromSeconds(holdSeconds) },
                Messages = new MessageOptions { RatePerSecond = 10 },
                Thresholds = thresholds,
            },
            Environment = new RunEnvironment { ProcessorCount = 2 },
            DurationSeconds = holdSeconds,
            Status = RunStatus.Completed,
            Summary = new RunSummary
            {
                Connections = new ConnectionSummary { Attempted = 100, Established = 100, Peak = 100, ClosedNormally = 100 },
                Messages = new MessageSummary { Sent = messages, Received = messages, ThroughputPerSec = 1000 },
                LatencyMs = new LatencySummaries { Rtt = new LatencySummary { Count = messages, P50 = 4, P90 = 6, P99 = 10, Max = 30, Mean = 4.5 } },
                Availability = new AvailabilitySummary { OverallPercent = 100, MinConnectionPercent = 100, MedianConnectionPercent = 100 },
            },
            Series = series,
            GeneratorHealth = new GeneratorHealth { MaxCpuPercent = 40 },
        };
    }

    public static RunResult WithServerCpu(this RunResult run, double percentOfOneCore) => run with
    {
        Series = [.. run.Series.Select(s => s with { Server = new ProcessSample { ProcessId = 7, CpuPercent = percentOfOneCore } })],
    };

    public static RunResult SaturatedGenerator(this RunResult run) => run with
    {
        GeneratorHealth = new GeneratorHealth
        {
            Saturated = true,
            SaturatedIntervals = 6,
            MaxCpuPercent = 198,
            Periods = [new SaturationPeriod { FromSeconds = 10, ToSeconds = 16, Reasons = ["generator-cpu"] }],
        },
    };
}
