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
        var hypothesis = new Hypothesis(
            Kind,
            $"the load generator saturated ({reasons}): its figures, not necessarily the server, explain the trouble",
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
        if (context.SaturationTooShortForTrouble)
        {
            hypothesis.Adjust(-RootCauseRules.GeneratorSaturationTooShortPenalty,
                $"saturated for {Figures.Seconds(saturated)} around the trouble's {Figures.Seconds(trouble)} (from {Figures.Seconds(RootCauseRules.AlignmentSeconds)} before its onset; {Figures.Percent(saturated / trouble)}): too short to explain the rest");
        }

        if (context.Run.GeneratorHealth is { } health)
        {
            hypothesis.For($"{health.SaturatedIntervals} saturated seconds in all (about {Figures.Seconds(seconds)} overlapping the trouble); " +
                $"peak generator CPU {Figures.N(health.MaxCpuPercent)}%, scheduling lag up to {Figures.Ms(health.MaxSchedulingLagMs)}");
        }

        return hypothesis;
    }
}
