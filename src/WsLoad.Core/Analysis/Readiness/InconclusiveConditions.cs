using WsLoad.Analysis.Facts;
using WsLoad.Analysis.RootCauses;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Analysis.Readiness;

/// <summary>Why a run cannot tell whether the service is ready (<see cref="ReadinessRules"/>), in plain words; empty when it can.</summary>
internal static class InconclusiveConditions
{
    public static IReadOnlyList<string> Of(RunResult run)
    {
        var found = new List<string>();
        if (run.GeneratorHealth is { Saturated: true } health && OwnSaturatedSeconds(run) is var (own, byServer) && own > 0)
        {
            var reasons = string.Join(", ", health.Periods.SelectMany(p => p.Reasons).Distinct(StringComparer.Ordinal));
            var server = byServer > 0 ? $"; {byServer} more s were the server's CPU on the shared machine" : "";
            found.Add($"the generator was saturated for {own} s ({reasons}{server}): its latency and throughput figures are not trustworthy");
        }

        if (run.Status is RunStatus.Interrupted or RunStatus.Aborted)
        {
            var why = string.IsNullOrEmpty(run.StatusReason) ? "" : $" ({run.StatusReason})";
            found.Add($"the run was {run.Status.ToString().ToLowerInvariant()}{why}");
        }

        var hold = HoldSeconds(run);
        if (hold < ReadinessRules.MinHoldSeconds)
        {
            found.Add($"the hold lasted {Figures.Seconds(hold)}, under the {Figures.Seconds(ReadinessRules.MinHoldSeconds)} a steady state needs");
        }

        // A broadcast's latencies are its due deliveries'.
        var roundTrips = run.Summary.Fanout?.LatencyMs?.Count ?? run.Summary.LatencyMs.Rtt?.Count ?? run.Summary.Messages.Received;
        if (run.Summary.Messages.Sent > 0 && run.Scenario.Messages.Expect != ExpectMode.None && roundTrips < ReadinessRules.MinRoundTrips)
        {
            found.Add($"only {Figures.Count(roundTrips)} round trips were measured, under the {ReadinessRules.MinRoundTrips} percentiles need");
        }

        return found;
    }

    /// <summary>
    /// The seconds the generator was saturated by its own work or other processes, and those it was saturated only because
    /// the server's process took the machine's CPU (<see cref="MachineCpuUse.SaturatedByServer"/>): the latter are the
    /// server's trouble, not the generator's figures failing.
    /// </summary>
    internal static (int Own, int ByServer) OwnSaturatedSeconds(RunResult run)
    {
        if (run.GeneratorHealth is not { Saturated: true } health)
        {
            return (0, 0);
        }

        var cores = ServerCpuSaturation.Cores(run.Environment);
        var byServer = run.Series.Count(s => MachineCpuUse.SaturatedByServer(s, cores));
        return (Math.Max(0, health.SaturatedIntervals - byServer), byServer);
    }

    /// <summary>The hold as measured (hold seconds of the series); the planned hold when the run has no series.</summary>
    internal static double HoldSeconds(RunResult run)
    {
        if (run.Series.Count == 0)
        {
            return run.Scenario.Connections.Hold.TotalSeconds;
        }

        double seconds = 0;
        for (var i = 0; i < run.Series.Count; i++)
        {
            if (run.Series[i].Phase == PlanPhases.HoldName)
            {
                seconds += run.Series[i].AtSeconds - (i == 0 ? Math.Max(0, run.Series[0].AtSeconds - 1) : run.Series[i - 1].AtSeconds);
            }
        }

        return Math.Round(seconds, 3);
    }
}
