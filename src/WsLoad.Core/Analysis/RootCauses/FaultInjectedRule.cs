using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>fault-injected</c> (see <see cref="RootCauseRules.FaultInjectedBase"/>): one hypothesis per fault event.</summary>
internal static class FaultInjectedRule
{
    public const string Kind = "fault-injected";

    public static IEnumerable<Hypothesis> Evaluate(RootCauseContext context)
    {
        var byEvent = context.Failures.Patterns
            .Where(p => p.LikelyCause is not null && !ServerDropRule.FollowsDrop(p))
            .GroupBy(p => (p.LikelyCause!.Event.AtSeconds, p.LikelyCause.Event.Kind, p.LikelyCause.Event.Source))
            .OrderBy(g => g.Key.AtSeconds)
            .ThenBy(g => g.Key.Kind, StringComparer.Ordinal);
        foreach (var group in byEvent)
        {
            var patterns = group.OrderBy(p => p.StartSeconds).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
            var fault = patterns[0].LikelyCause!.Event;
            var what = string.IsNullOrEmpty(fault.Description) ? fault.Kind : $"{fault.Kind}: {fault.Description}";
            var hypothesis = new Hypothesis(
                Kind,
                $"the fault injected at {Figures.Seconds(fault.AtSeconds)} ({fault.Source.ToString().ToLowerInvariant()}, {what}) caused the failures that followed",
                RootCauseRules.FaultInjectedBase,
                "a failure pattern followed a fault event: the fault is the cause of what followed it",
                serverSide: false)
            { AtSeconds = fault.AtSeconds };

            foreach (var pattern in patterns)
            {
                hypothesis.For($"{pattern.Id}: {Figures.Count(pattern.Size)} failures ({Kinds(pattern)}) from {Figures.Seconds(pattern.StartSeconds)} to {Figures.Seconds(pattern.EndSeconds)}");
            }

            var nearest = patterns.Min(p => Math.Abs(p.LikelyCause!.SecondsBefore));
            if (nearest <= RootCauseRules.AlignmentSeconds)
            {
                hypothesis.Adjust(0.2, $"the failures began {Figures.Seconds(nearest)} after the fault");
            }
            else
            {
                hypothesis.Against($"the failures began only {Figures.Seconds(nearest)} after the fault");
            }

            if (patterns.Max(p => p.Confidence) >= 0.7)
            {
                hypothesis.Adjust(0.1, $"the pattern itself is clear (confidence {Figures.N(patterns.Max(p => p.Confidence))})");
            }

            yield return hypothesis;
        }
    }

    private static string Kinds(FailurePattern pattern) =>
        pattern.Kinds.Count == 0 ? pattern.Kind.ToString().ToLowerInvariant() : string.Join(", ", pattern.Kinds.Take(3).Select(k => k.ToName()));
}
