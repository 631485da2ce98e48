using WsLoad.Analysis.RootCauses;
using WsLoad.Results;

namespace WsLoad.Analysis.Facts;

/// <summary>
/// Facts read from a run's per-second series that the findings, the next steps and the reports' resource tables rest
/// on: the busiest seconds of the server and the machine, the machine's TCP timeouts, where the server's CPU saturated (by
/// <see cref="ServerCpuSaturation"/>, the root causes' rule), the latency knee (<see cref="LatencyKnee"/>). Each is null
/// when the series has no data for it.
/// </summary>
public sealed record RunFacts
{
    public double? ServerCpuPeakPercent { get; init; }

    public RunMoment? ServerCpuPeakAt { get; init; }

    /// <summary>The first second the server's CPU saturated; null when it never did, was not sampled or the cores are unknown.</summary>
    public RunMoment? ServerSaturatedAt { get; init; }

    public long? ServerRssPeakBytes { get; init; }

    /// <summary>The most processes the server's figures added up in a second (its own and those under it); null when not sampled.</summary>
    public int? ServerProcesses { get; init; }

    /// <summary>The second in which a WsLoad server spent the most time paused for GC (from its /stats); null when not sampled.</summary>
    public RunMoment? ServerGcPeakAt { get; init; }

    /// <summary>That second's GC pause total, ms, and the whole run's.</summary>
    public double? ServerGcPeakMs { get; init; }

    public double? ServerGcTotalMs { get; init; }

    public double? MachineCpuPeakPercent { get; init; }

    public long? GeneratorRssPeakBytes { get; init; }

    public double? GeneratorCpuPeakPercent { get; init; }

    /// <summary>The generator machine's TCP retransmission timeouts over the run (each a stall of at least 200 ms); 0 when not sampled.</summary>
    public long TcpTimeouts { get; init; }

    /// <summary>Packets the generator machine dropped from its input backlog over the run; 0 when not sampled.</summary>
    public long PacketDrops { get; init; }

    /// <summary>The early (first-third) median of the per-second rtt p99, the yardstick of the knee.</summary>
    public double? EarlyRttP99Ms { get; init; }

    /// <summary>The first of two consecutive seconds whose rtt p99 rose past the knee; null when latency stayed flat.</summary>
    public RunMoment? LatencyKneeAt { get; init; }

    public double? LatencyKneeP99Ms { get; init; }

    public static RunFacts Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var series = run.Series;
        var withServer = series.Where(s => s.Server is not null).ToList();
        var serverPeak = withServer.MaxBy(s => s.Server!.CpuPercent);
        var saturated = ServerCpuSaturation.FirstIndex(series, ServerCpuSaturation.Cores(run.Environment));
        var (kneeIndex, early) = LatencyKnee.Find(series);
        var knee = kneeIndex is int k ? series[k] : null;
        var withServerGc = series.Where(s => s.Server?.GcPauseMs is not null).ToList();
        var serverGcPeak = withServerGc.MaxBy(s => s.Server!.GcPauseMs);
        return new RunFacts
        {
            ServerGcPeakAt = Moment(serverGcPeak),
            ServerGcPeakMs = serverGcPeak?.Server!.GcPauseMs,
            ServerGcTotalMs = withServerGc.Count == 0 ? null : withServerGc.Sum(s => s.Server!.GcPauseMs!.Value),
            ServerCpuPeakPercent = serverPeak?.Server!.CpuPercent,
            ServerCpuPeakAt = Moment(serverPeak),
            ServerSaturatedAt = saturated is int i ? Moment(series[i]) : null,
            ServerRssPeakBytes = withServer.Count == 0 ? null : withServer.Max(s => s.Server!.RssBytes),
            ServerProcesses = withServer.Count == 0 ? null : withServer.Max(s => s.Server!.Processes),
            MachineCpuPeakPercent = series.Any(s => s.Machine is not null) ? series.Where(s => s.Machine is not null).Max(s => s.Machine!.CpuPercent) : null,
            GeneratorRssPeakBytes = series.Any(s => s.Generator is not null) ? series.Where(s => s.Generator is not null).Max(s => s.Generator!.RssBytes) : null,
            GeneratorCpuPeakPercent = series.Any(s => s.Generator is not null) ? series.Where(s => s.Generator is not null).Max(s => s.Generator!.CpuPercent) : null,
            TcpTimeouts = series.Sum(s => s.Machine?.TcpTimeouts ?? 0),
            PacketDrops = series.Sum(s => s.Machine?.PacketDrops ?? 0),
            EarlyRttP99Ms = early,
            LatencyKneeAt = Moment(knee),
            LatencyKneeP99Ms = knee?.RttP99,
        };
    }

    private static RunMoment? Moment(IntervalSample? sample) =>
        sample is null ? null : new RunMoment(sample.AtSeconds, sample.OpenConnections, sample.Received);
}
