using WsLoad.Analysis.RootCauses;
using WsLoad.Results;

namespace WsLoad.Analysis.Facts;

/// <summary>
/// The one rule for a saturated target server, for the root causes and the findings alike: its CPU in a second reached
/// <see cref="RootCauseRules.ServerCpuSaturatedShare"/> of all the machine's cores. Not judged (null) when the server
/// was not sampled that second or the cores are unknown: the share cannot be told then.
/// </summary>
internal static class ServerCpuSaturation
{
    /// <summary>The cores run.json's environment names; null when unknown.</summary>
    public static int? Cores(RunEnvironment environment) => environment.ProcessorCount > 0 ? environment.ProcessorCount : null;

    /// <summary>The server's CPU in <paramref name="sample"/> as a share of all cores; null when not sampled or cores unknown.</summary>
    public static double? Share(IntervalSample sample, int? cores) =>
        sample.Server is { CpuPercent: { } cpu } server && CoresOf(server, cores) is int all ? cpu / (100.0 * all) : null;

    /// <summary>
    /// The cores of the server's machine: this machine's (<paramref name="localCores"/>) for a server sampled from its
    /// process here, the sample's own for one read from Prometheus (null when <c>serverMetrics.cores</c> is not given:
    /// another machine's cores are not this one's).
    /// </summary>
    public static int? CoresOf(ProcessSample server, int? localCores)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Source is null ? localCores : server.Cores;
    }

    public static bool IsSaturated(double? share) => share >= RootCauseRules.ServerCpuSaturatedShare;

    /// <summary>The index of the first saturated second of <paramref name="series"/>; null when none.</summary>
    public static int? FirstIndex(IReadOnlyList<IntervalSample> series, int? cores)
    {
        for (var i = 0; i < series.Count; i++)
        {
            if (IsSaturated(Share(series[i], cores)))
            {
                return i;
            }
        }

        return null;
    }
}
