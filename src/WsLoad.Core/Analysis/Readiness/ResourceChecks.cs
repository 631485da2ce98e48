using WsLoad.Analysis.Facts;
using WsLoad.Analysis.RootCauses;
using WsLoad.Results;

namespace WsLoad.Analysis.Readiness;

/// <summary>The headroom checks: the generator's health, the server's peak CPU against all cores, the machine's memory.</summary>
internal static class ResourceChecks
{
    public static ReadinessCheck Generator(RunResult run)
    {
        const string Name = "generator headroom";
        if (run.GeneratorHealth is not { } health)
        {
            return new(Name, "not saturated", "not sampled", CheckStatus.NotJudged, null, "the generator's resources were not sampled");
        }

        var cores = Math.Max(1, run.Environment.ProcessorCount);
        var share = health.MaxCpuPercent / (100.0 * cores);
        var measured = $"peak CPU {Figures.N(health.MaxCpuPercent)}% of {cores} cores, {health.SaturatedIntervals} saturated s";
        if (health.Saturated)
        {
            var reasons = string.Join(", ", health.Periods.SelectMany(p => p.Reasons).Distinct(StringComparer.Ordinal));
            var saturated = run.Series.Where(s => s.Generator?.Saturated == true).ToList();
            var note = saturated.Count > 0 && saturated.All(s => MachineCpuUse.SaturatedByServer(s, cores)) && MachineCpuUse.Of(saturated, cores) is { } use
                ? $"saturated ({reasons}) only because the server's process took the machine's CPU ({use.Describe(cores)}): the generator waited for CPU the server held"
                : $"saturated ({reasons}): the run's latency and throughput are partly the generator's";
            return new(Name, "not saturated", measured, CheckStatus.Failed, CheckMath.Round(-(double)health.SaturatedIntervals / Math.Max(1, run.Series.Count)), note);
        }

        var margin = 1 - share;
        return new(Name, "not saturated", measured, CheckMath.Status(true, margin, ReadinessRules.MarginalBand), CheckMath.Round(margin));
    }

    public static ReadinessCheck ServerCpu(RunResult run)
    {
        const string Name = "server CPU headroom";
        var target = $"< {Figures.Percent(ReadinessRules.MaxServerCpuShare)} of all cores at peak (default)";
        var samples = run.Series.Where(s => s.Server is { CpuPercent: not null }).ToList();
        if (samples.Count == 0)
        {
            return new(Name, target, "not sampled", CheckStatus.NotJudged, null,
                "the server's CPU was not sampled (it runs elsewhere or its process id is unknown: give --server-pid, or serverMetrics with a Prometheus that watches it)");
        }

        var peak = samples.OrderByDescending(s => s.Server!.CpuPercent).ThenBy(s => s.AtSeconds).First();
        var cores = ServerCpuSaturation.CoresOf(peak.Server!, ServerCpuSaturation.Cores(run.Environment));
        if (cores is null)
        {
            return new(Name, target, "cores unknown", CheckStatus.NotJudged, null,
                "the server's CPU was read from Prometheus but its machine's cores were not: give serverMetrics.cores (a number, or a query such as count(node_cpu_seconds_total{mode=\"idle\"}))");
        }

        var share = ServerCpuSaturation.Share(peak, cores)!.Value;
        var margin = CheckMath.AtMost(share, ReadinessRules.MaxServerCpuShare);
        return new(Name, target, $"{Figures.Percent(share)} of {cores} cores at {Figures.Seconds(peak.AtSeconds)}",
            CheckMath.Status(share < ReadinessRules.MaxServerCpuShare, margin, ReadinessRules.MarginalBand), CheckMath.Round(margin));
    }

    public static ReadinessCheck Memory(RunResult run)
    {
        const string Name = "memory headroom";
        var target = $"< {Figures.Percent(ReadinessRules.MaxMemoryShare)} of the machine's memory (default)";
        var samples = run.Series.Where(s => s.Machine is { MemoryTotalBytes: > 0 }).ToList();
        if (samples.Count == 0)
        {
            return new(Name, target, "not sampled", CheckStatus.NotJudged, null, "the machine's memory was not sampled");
        }

        var share = samples.Max(s => (double)s.Machine!.MemoryUsedBytes / s.Machine.MemoryTotalBytes);
        var margin = CheckMath.AtMost(share, ReadinessRules.MaxMemoryShare);
        return new(Name, target, $"{Figures.Percent(share)} used at peak",
            CheckMath.Status(share < ReadinessRules.MaxMemoryShare, margin, ReadinessRules.MarginalBand), CheckMath.Round(margin));
    }
}
