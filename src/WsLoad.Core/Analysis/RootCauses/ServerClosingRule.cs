using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>server-closing</c> (see <see cref="RootCauseRules.ServerClosingBase"/>).</summary>
internal static class ServerClosingRule
{
    public const string Kind = "server-closing";

    private static readonly FailureKind[] Kinds = [FailureKind.ClosedServerError, FailureKind.ClosedGoingAway, FailureKind.ClosedTryAgainLater];

    public static Hypothesis? Evaluate(RootCauseContext context)
    {
        var closes = context.Count(Kinds);
        if (closes < RootCauseRules.MinFailures)
        {
            return null;
        }

        var codes = context.Run.CloseCodes
            .Where(p => p.Key is "1011" or "1001" or "1013" && p.Value > 0)
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key} × {Figures.Count(p.Value)}")
            .ToList();
        var byCode = codes.Count > 0 ? string.Join(", ", codes) : string.Join(", ", Kinds.Where(k => context.Count(k) > 0).Select(k => k.ToName()));
        var first = FirstSecondWith(context);
        var hypothesis = new Hypothesis(
            Kind,
            $"the server closed {Figures.Count(closes)} connections itself ({byCode})",
            RootCauseRules.ServerClosingBase,
            "connections closed by the server with 1011 (error), 1001 (going away) or 1013 (try again later)",
            serverSide: true)
        { AtSeconds = first is int f ? context.At(f) : null };

        if (first is int at)
        {
            hypothesis.For($"the first server close came at {Figures.Seconds(context.At(at))}");
        }

        var share = (double)closes / Math.Max(1, context.PrimaryFailures);
        var shareLine = $"{Figures.Count(closes)} of {Figures.Count(context.PrimaryFailures)} failures ({Figures.Percent(share)}) were server closes";
        if (share >= RootCauseRules.DominantShare)
        {
            hypothesis.Adjust(0.2, shareLine);
        }
        else
        {
            hypothesis.Against(shareLine);
        }

        var pattern = context.Failures.Patterns.FirstOrDefault(p =>
            p.Kind is FailurePatternKind.Burst or FailurePatternKind.Sustained && p.Kinds.Count > 0 && Kinds.Contains(p.Kinds[0]));
        if (pattern is not null)
        {
            hypothesis.Adjust(0.1, $"{pattern.Id}: {Figures.Count(pattern.Size)} failures from {Figures.Seconds(pattern.StartSeconds)} to {Figures.Seconds(pattern.EndSeconds)}, mostly {pattern.Kinds[0].ToName()}");
        }

        return hypothesis;
    }

    private static int? FirstSecondWith(RootCauseContext context)
    {
        var perSecond = Kinds.Select(k => context.Timeline.ByKind.GetValueOrDefault(k)).Where(a => a is not null).ToList();
        for (var i = 0; i < context.Series.Count; i++)
        {
            if (perSecond.Any(a => a![i] > 0))
            {
                return i;
            }
        }

        return null;
    }
}
