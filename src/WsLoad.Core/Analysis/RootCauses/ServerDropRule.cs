using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis.RootCauses;

/// <summary>
/// Rule <c>server-dropped</c> (see <see cref="RootCauseRules.ServerDropBase"/>): one hypothesis per drop of connections
/// that a failure pattern followed, with the close codes the generator saw in the drop's seconds.
/// </summary>
internal static class ServerDropRule
{
    public const string Kind = "server-dropped";

    /// <summary>Whether <paramref name="pattern"/>'s likely cause is a drop the generator saw rather than a fault injected.</summary>
    public static bool FollowsDrop(FailurePattern pattern) => pattern.LikelyCause?.Event.Kind == CauseFinder.ConnectionsDropped;

    public static IEnumerable<Hypothesis> Evaluate(RootCauseContext context)
    {
        var byDrop = context.Failures.Patterns
            .Where(FollowsDrop)
            .GroupBy(p => p.LikelyCause!.Event.AtSeconds)
            .OrderBy(g => g.Key);
        foreach (var group in byDrop)
        {
            var patterns = group.OrderBy(p => p.StartSeconds).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
            var drop = patterns[0].LikelyCause!.Event;
            var codes = CloseCodes(context, drop.AtSeconds, patterns.Max(p => p.EndSeconds));
            var count = drop.Count is long n ? Figures.Count(n) + " " : "";
            var hypothesis = new Hypothesis(
                Kind,
                $"the server dropped {count}connections at {Figures.Seconds(drop.AtSeconds)} {(codes.Length > 0 ? "with " + codes : "(no close code seen)")}: the failures that followed, and the generator's reconnects, came from that drop",
                RootCauseRules.ServerDropBase,
                "a failure pattern followed connections the server closed or reset (not the generator): the drop is the cause of what followed it",
                serverSide: false)
            { AtSeconds = drop.AtSeconds };

            foreach (var pattern in patterns)
            {
                hypothesis.For($"{pattern.Id}: {Figures.Count(pattern.Size)} failures ({string.Join(", ", pattern.Kinds.Take(3).Select(k => k.ToName()))}) from {Figures.Seconds(pattern.StartSeconds)} to {Figures.Seconds(pattern.EndSeconds)}");
            }

            foreach (var reaction in context.Run.Events.Where(e => e.Kind == "reconnect-storm" && e.AtSeconds >= drop.AtSeconds && e.AtSeconds <= drop.AtSeconds + RootCauseRules.AlignmentSeconds))
            {
                hypothesis.For($"the reconnect storm at {Figures.Seconds(reaction.AtSeconds)} ({reaction.Description}) was the generator's answer to the drop, not a cause");
            }

            var nearest = patterns.Min(p => Math.Abs(p.LikelyCause!.SecondsBefore));
            if (nearest <= RootCauseRules.AlignmentSeconds)
            {
                hypothesis.Adjust(0.2, $"the failures began within {Figures.Seconds(nearest)} of the drop");
            }
            else
            {
                hypothesis.Against($"the failures began only {Figures.Seconds(nearest)} after the drop");
            }

            if (patterns.Max(p => p.Confidence) >= 0.7)
            {
                hypothesis.Adjust(0.1, $"the pattern itself is clear (confidence {Figures.N(patterns.Max(p => p.Confidence))})");
            }

            yield return hypothesis;
        }
    }

    /// <summary>The close codes of the failures from the drop's second to <paramref name="until"/>, most first, e.g. <c>close code 1006 × 1,000 (abnormal closure, no close frame)</c>.</summary>
    private static string CloseCodes(RootCauseContext context, double at, double until)
    {
        var codes = new Dictionary<int, long>();
        foreach (var sample in context.Series.Where(s => s.AtSeconds >= at && s.AtSeconds - 1 <= until))
        {
            foreach (var (failureClass, count) in sample.ErrorsByClass ?? new Dictionary<string, long>())
            {
                if (FailureTaxonomy.Classify(failureClass).CloseCode is int code)
                {
                    codes[code] = codes.GetValueOrDefault(code) + count;
                }
            }
        }

        return string.Join(", ", codes
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key)
            .Select(p => $"close code {p.Key} × {Figures.Count(p.Value)}{Meaning(p.Key)}"));
    }

    private static string Meaning(int code) => code switch
    {
        1001 => " (going away)",
        1006 => " (abnormal closure, no close frame)",
        1008 => " (policy violation)",
        1011 => " (server error)",
        1013 => " (try again later)",
        _ => "",
    };
}
