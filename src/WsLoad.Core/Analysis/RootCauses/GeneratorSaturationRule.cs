using WsLoad.Resources;
using WsLoad.Results;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>generator-saturated</c> (see <see cref="RootCauseRules.GeneratorSaturatedBase"/>).</summary>
internal static class GeneratorSaturationRule
{
    public const string Kind = "generator-saturated";

    public static Hypothesis? Evaluate(RootCauseContext context)
    {
        var periods = context.SaturationDuringTrouble();
        if (periods.Count == 0 || context.OnsetSeconds is not double onset)
        {
            return null;
        }

        var first = periods[0];
        var reasons = string.Join(", ", periods.SelectMany(p => p.Reasons).Distinct(StringComparer.Ordinal));
        var seconds = periods.Sum(p => p.ToSeconds - p.FromSeconds);
        var machine = MachineBusy(context, periods);
        var statement = context.SaturationWasServers
            ? $"the server's process kept the machine's CPU busy ({machine}): the load generator waited for CPU ({reasons}), but the busy CPU was the server's, not its own"
            : $"the load generator saturated ({reasons}{(machine is null ? "" : "; " + machine)}): its figures, not necessarily the server, explain the trouble";
        var hypothesis = new Hypothesis(
            Kind,
            statement,
            RootCauseRules.GeneratorSaturatedBase,
            "the generator was saturated while the trouble happened (then the server is not to blame)",
            serverSide: false)
        { AtSeconds = first.FromSeconds };

        var stretch = $"the generator was saturated from {Figures.Seconds(first.FromSeconds)} to {Figures.Seconds(first.ToSeconds)} ({reasons})";
        if (first.FromSeconds <= onset + RootCauseRules.AlignmentSeconds)
        {
            hypothesis.Adjust(0.2, $"{stretch}, when the trouble began at {Figures.Seconds(onset)}");
        }
        else
        {
            hypothesis.Against($"{stretch}, {Figures.Seconds(first.FromSeconds - onset)} after the trouble began at {Figures.Seconds(onset)}");
        }

        var saturated = context.SaturatedSecondsDuringTrouble;
        var trouble = context.TroubleSeconds;
        if (context.SaturationWasServers)
        {
            hypothesis.Adjust(-RootCauseRules.GeneratorSaturatedByServerPenalty,
                $"in each of its {context.SaturatedByServer.Count} saturated seconds around the trouble only the machine's CPU was busy, most of it the server's process (the generator's own CPU and thread-pool queue stayed within bounds)");
        }
        else if (context.SaturationTooShortForTrouble)
        {
            hypothesis.Adjust(-RootCauseRules.GeneratorSaturationTooShortPenalty,
                $"saturated for {Figures.Seconds(saturated)} around the trouble's {Figures.Seconds(trouble)} (from {Figures.Seconds(RootCauseRules.AlignmentSeconds)} before its onset; {Figures.Percent(saturated / trouble)}): too short to explain the rest");
        }

        if (context.SaturatedByServer.Count > 0 && !context.SaturationWasServers)
        {
            hypothesis.Against($"{context.SaturatedByServer.Count} of its saturated seconds were the server's CPU on the shared machine, not counted against the server");
        }

        if (context.Run.GeneratorHealth is { } health)
        {
            hypothesis.For($"{health.SaturatedIntervals} saturated seconds in all (about {Figures.Seconds(seconds)} overlapping the trouble); " +
                $"peak generator CPU {Figures.N(health.MaxCpuPercent)}%, scheduling lag up to {Figures.Ms(health.MaxSchedulingLagMs)}");
        }

        return hypothesis;
    }

    /// <summary>Whose CPU made the machine busy in the stretches' machine-cpu seconds; null when that rule never fired or the machine was not sampled.</summary>
    private static string? MachineBusy(RootCauseContext context, IReadOnlyList<SaturationPeriod> periods)
    {
        var busy = context.SecondsOf(periods)
            .Where(i => context.Series[i].Generator?.SaturationReasons?.Any(r => SaturationRules.KindOf(r) == SaturationRules.MachineCpu) == true)
            .ToList();
        return busy.Count > 0 && context.MachineCpu(busy) is { } use ? use.Describe(context.Cores!.Value) : null;
    }
}
