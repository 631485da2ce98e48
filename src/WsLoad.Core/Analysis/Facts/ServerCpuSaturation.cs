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
        sample.Server is { } server && cores is int all ? server.CpuPercent / (100.0 * all) : null;

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
