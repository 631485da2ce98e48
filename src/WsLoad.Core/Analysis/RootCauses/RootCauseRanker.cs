using System.Globalization;
using WsLoad.Analysis.Failures;
using WsLoad.Results;

namespace WsLoad.Analysis.RootCauses;

/// <summary>
/// Ranks the root-cause hypotheses of a run: every rule of <see cref="RootCauseRules"/> proposes what it sees, a
/// saturated generator lowers the hypotheses that blame the server (unless its saturation was the server's own CPU on the
/// machine they share), and the rest is ordered by confidence (ties by the rules' order below, then time). A run with no
/// failures and no latency spike gets an empty list. Pure and deterministic.
/// </summary>
public static class RootCauseRanker
{
    /// <summary>The rules in tie-breaking order: explicit faults and local limits first, then the server, then the path.</summary>
    private static readonly string[] RuleOrder =
    [
        FaultInjectedRule.Kind, ServerDropRule.Kind, LocalExhaustionRule.Kind, GeneratorSaturationRule.Kind, ConnectionLimitRule.Kind,
        ServerCpuRule.Kind, ServerClosingRule.Kind, ServerStallRule.Kind, NetworkRule.Kind,
    ];

    public static IReadOnlyList<RootCause> Rank(RunResult run, FailureAnalysisResult failures)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(failures);
        var context = new RootCauseContext(run, failures);
        if (!context.HasTrouble)
        {
            return [];
        }

        var hypotheses = new List<Hypothesis>();
        hypotheses.AddRange(FaultInjectedRule.Evaluate(context));
        hypotheses.AddRange(ServerDropRule.Evaluate(context));
        Add(hypotheses, LocalExhaustionRule.Evaluate(context));
        Add(hypotheses, GeneratorSaturationRule.Evaluate(context));
        Add(hypotheses, ConnectionLimitRule.Evaluate(context));
        Add(hypotheses, ServerCpuRule.Evaluate(context));
        Add(hypotheses, ServerClosingRule.Evaluate(context));
        Add(hypotheses, ServerStallRule.Evaluate(context));
        Add(hypotheses, NetworkRule.Evaluate(context));

        var saturation = context.SaturationDuringTrouble();
        if (context.SaturationWasServers)
        {
            var held = context.SaturatedByServer;
            var use = context.MachineCpu(held)!;
            foreach (var hypothesis in hypotheses.Where(h => h.ServerSide))
            {
                hypothesis.For($"the generator's machine-cpu saturation ({held.Count} s from {Figures.Seconds(context.At(held[0]))}) was the server's own CPU ({use.Describe(context.Cores!.Value)}): not held against the server");
            }
        }
        else if (saturation.Count > 0)
        {
            var first = saturation[0];
            var tooShort = context.SaturationTooShortForTrouble;
            var penalty = tooShort ? RootCauseRules.GeneratorSaturationPenalty / 2 : RootCauseRules.GeneratorSaturationPenalty;
            foreach (var hypothesis in hypotheses.Where(h => h.ServerSide))
            {
                hypothesis.Adjust(-penalty,
                    $"the generator was saturated from {Figures.Seconds(first.FromSeconds)} to {Figures.Seconds(first.ToSeconds)} ({string.Join(", ", first.Reasons)}): " +
                    (tooShort ? $"the server may not be to blame for that stretch, {Figures.Seconds(context.SaturatedSecondsDuringTrouble)} around the trouble's {Figures.Seconds(context.TroubleSeconds)}" : "the server may not be to blame"));
            }
        }

        var ranked = hypotheses
            .Select(h => (Hypothesis: h, Cause: h.ToRootCause("")))
            .OrderByDescending(p => p.Cause.Confidence)
            .ThenBy(p => Array.IndexOf(RuleOrder, p.Hypothesis.Kind))
            .ThenBy(p => p.Hypothesis.AtSeconds ?? double.MaxValue)
            .ThenBy(p => p.Hypothesis.Statement, StringComparer.Ordinal)
            .ToList();
        var perKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<RootCause>(ranked.Count);
        foreach (var (hypothesis, cause) in ranked)
        {
            perKind[cause.Kind] = perKind.GetValueOrDefault(cause.Kind) + 1;
            var many = hypotheses.Count(h => h.Kind == cause.Kind) > 1;
            result.Add(cause with { Id = many ? cause.Kind + "-" + perKind[cause.Kind].ToString(CultureInfo.InvariantCulture) : cause.Kind });
        }

        return result;
    }

    private static void Add(List<Hypothesis> hypotheses, Hypothesis? hypothesis)
    {
        if (hypothesis is not null)
        {
            hypotheses.Add(hypothesis);
        }
    }
}
