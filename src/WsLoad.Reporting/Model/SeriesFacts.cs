using WsLoad.Results;

namespace WsLoad.Reporting.Model;

/// <summary>A moment of the run: when, how many connections were open, and the message rate then.</summary>
public sealed record RunMoment(double AtSeconds, long OpenConnections, long ReceivedPerSecond);

/// <summary>
/// Facts read from the per-second series that findings and recommendations rest on: the busiest moments of the server
/// and the machine, the latency knee. Each is null when the series has no data for it.
/// </summary>
public sealed record SeriesFacts
{
    /// <summary>A p99 counts as a knee when it is this many times the early p99 (and <see cref="KneeMinimumRiseMs"/> above it).</summary>
    public const double KneeFactor = Analysis.RootCauses.LatencyKnee.Factor;

    public const double KneeMinimumRiseMs = Analysis.RootCauses.LatencyKnee.MinimumRiseMs;

    /// <summary>CPU at or above this share of all cores counts as saturated.</summary>
    public const double SaturatedCpuShare = 0.9;

    public double? ServerCpuPeakPercent { get; init; }

    public RunMoment? ServerCpuPeakAt { get; init; }

    /// <summary>The first moment the server used ≥ 90% of all cores; null when it never did.</summary>
    public RunMoment? ServerSaturatedAt { get; init; }

    public long? ServerRssPeakBytes { get; init; }

    /// <summary>The second in which a WsLoad server spent the most time paused for GC (from its /stats); null when not sampled.</summary>
    public RunMoment? ServerGcPeakAt { get; init; }

    /// <summary>That second's GC pause total, ms, and the whole run's.</summary>
    public double? ServerGcPeakMs { get; init; }

    public double? ServerGcTotalMs { get; init; }

    public double? MachineCpuPeakPercent { get; init; }

    public long? GeneratorRssPeakBytes { get; init; }

    public double? GeneratorCpuPeakPercent { get; init; }

    /// <summary>The early (first-third) median of the per-second rtt p99, the yardstick of the knee.</summary>
    public double? EarlyRttP99Ms { get; init; }

    /// <summary>The first of two consecutive seconds whose rtt p99 rose past the knee; null when latency stayed flat.</summary>
    public RunMoment? LatencyKneeAt { get; init; }

    public double? LatencyKneeP99Ms { get; init; }

    public static SeriesFacts Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var series = result.Series;
        var cores = Math.Max(1, result.Environment.ProcessorCount);
        var withServer = series.Where(s => s.Server is not null).ToList();
        var serverPeak = withServer.MaxBy(s => s.Server!.CpuPercent);
        var serverSaturated = withServer.FirstOrDefault(s => s.Server!.CpuPercent >= SaturatedCpuShare * 100 * cores);
        var (kneeIndex, early) = Analysis.RootCauses.LatencyKnee.Find(series);
        var knee = kneeIndex is int k ? series[k] : null;
        var withServerGc = series.Where(s => s.Server?.GcPauseMs is not null).ToList();
        var serverGcPeak = withServerGc.MaxBy(s => s.Server!.GcPauseMs);
        return new SeriesFacts
        {
            ServerGcPeakAt = Moment(serverGcPeak),
            ServerGcPeakMs = serverGcPeak?.Server!.GcPauseMs,
            ServerGcTotalMs = withServerGc.Count == 0 ? null : withServerGc.Sum(s => s.Server!.GcPauseMs!.Value),
            ServerCpuPeakPercent = serverPeak?.Server!.CpuPercent,
            ServerCpuPeakAt = Moment(serverPeak),
            ServerSaturatedAt = Moment(serverSaturated),
            ServerRssPeakBytes = withServer.Count == 0 ? null : withServer.Max(s => s.Server!.RssBytes),
            MachineCpuPeakPercent = series.Any(s => s.Machine is not null) ? series.Where(s => s.Machine is not null).Max(s => s.Machine!.CpuPercent) : null,
            GeneratorRssPeakBytes = series.Any(s => s.Generator is not null) ? series.Where(s => s.Generator is not null).Max(s => s.Generator!.RssBytes) : null,
            GeneratorCpuPeakPercent = series.Any(s => s.Generator is not null) ? series.Where(s => s.Generator is not null).Max(s => s.Generator!.CpuPercent) : null,
            EarlyRttP99Ms = early,
            LatencyKneeAt = Moment(knee),
            LatencyKneeP99Ms = knee?.RttP99,
        };
    }

    private static RunMoment? Moment(IntervalSample? sample) =>
        sample is null ? null : new RunMoment(sample.AtSeconds, sample.OpenConnections, sample.Received);
}
