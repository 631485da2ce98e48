using WsLoad.Analysis.Anomalies;
using WsLoad.Analysis.Failures;
using WsLoad.Analysis.RootCauses;
using WsLoad.Results;

namespace WsLoad.Analysis.Readiness;

/// <summary>Decides GO / NO-GO / INCONCLUSIVE from the checklist by the rules of <see cref="ReadinessRules"/>. Pure.</summary>
public static class ReadinessJudge
{
    private static readonly FailureKind[] ServerSignalled =
    [
        FailureKind.UpgradeRejected, FailureKind.ConnectRefused, FailureKind.ClosedGoingAway, FailureKind.ClosedPolicyViolation,
        FailureKind.ClosedMessageTooBig, FailureKind.ClosedServerError, FailureKind.ClosedTryAgainLater, FailureKind.ClosedOtherCode,
        FailureKind.ProtocolError, FailureKind.Integrity,
    ];

    public static ReadinessVerdict Judge(RunResult run, FailureAnalysisResult failures, AnomalyReport anomalies, IReadOnlyList<RootCause> causes)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(anomalies);
        ArgumentNullException.ThrowIfNull(causes);
        var scoped = ReadinessChecklist.Build(run);
        var checks = scoped.Select(s => s.Check).ToList();
        var inconclusive = InconclusiveConditions.Of(run);
        var risks = Risks(checks, anomalies);
        var failed = scoped.Where(s => s.Check.Status == CheckStatus.Failed && s.Scope != CheckScope.Generator).ToList();
        var serverSignalled = ServerSignalledShare(failures) >= ReadinessRules.ServerSignalledShare;
        var standing = inconclusive.Count == 0
            ? failed
            : [.. failed.Where(s => s.Scope == CheckScope.Server || (s.Scope == CheckScope.Failures && serverSignalled))];
        // Failed checks that do not stand are the generator's doing only when the generator's own saturation made the run inconclusive.
        var unsure = InconclusiveConditions.OwnSaturatedSeconds(run).Own > 0 ? " (may be the generator's doing)" : " (the run cannot tell)";
        var cause = causes.Count > 0 ? $"most likely cause: {causes[0].Statement} (confidence {Figures.N(causes[0].Confidence)})" : null;

        if (standing.Count > 0)
        {
            var reasons = standing.Select(s => Missed(s.Check)).ToList();
            if (inconclusive.Count > 0)
            {
                reasons.Add("these failures were signalled by the server itself, so they stand although " + string.Join("; ", inconclusive));
            }

            reasons.AddRange(failed.Except(standing).Select(s => Missed(s.Check) + unsure));
            if (cause is not null)
            {
                reasons.Add(cause);
            }

            var clear = standing.Any(s => s.Check.Margin <= -ReadinessRules.MarginalBand);
            var confidence = (clear ? ReadinessRules.NoGoClearConfidence : ReadinessRules.NoGoNarrowConfidence)
                - (inconclusive.Count > 0 ? ReadinessRules.NoGoDespiteInconclusivePenalty : 0);
            return new(ReadinessDecision.NoGo, Math.Round(confidence, 2), checks, reasons, risks);
        }

        if (inconclusive.Count > 0)
        {
            var reasons = inconclusive.Select(c => "the run cannot tell: " + c).ToList();
            reasons.AddRange(failed.Select(s => Missed(s.Check) + unsure));
            if (cause is not null)
            {
                reasons.Add(cause);
            }

            return new(ReadinessDecision.Inconclusive, ReadinessRules.InconclusiveConfidence, checks, reasons, risks);
        }

        var marginal = checks.Count(c => c.Status == CheckStatus.Marginal);
        var passed = checks.Count(c => c.Status == CheckStatus.Passed);
        var unjudged = scoped.Take(8).Count(s => s.Check.Status == CheckStatus.NotJudged);
        var adverse = AdverseTrends(anomalies).Count();
        var goConfidence = Math.Max(ReadinessRules.MinGoConfidence, ReadinessRules.GoConfidence
            - (marginal * ReadinessRules.MarginalPenalty) - ((unjudged + adverse) * ReadinessRules.UnjudgedPenalty));
        var goReasons = new List<string> { $"every judged check held: {passed} with margin, {marginal} marginal, {checks.Count - passed - marginal} not judged" };
        return new(ReadinessDecision.Go, Math.Round(goConfidence, 2), checks, goReasons, risks);
    }

    private static string Missed(ReadinessCheck check) =>
        $"{check.Name} missed its target: {check.Measured} against {check.Target}" + (check.Note is null ? "" : $" — {check.Note}");

    private static double ServerSignalledShare(FailureAnalysisResult failures)
    {
        var counted = failures.Taxonomy.Where(k => k.Unit == TaxonomyUnits.Failures && k.Kind != FailureKind.Loss).ToList();
        var total = counted.Sum(k => k.Count);
        return total == 0 ? 0 : (double)counted.Where(k => ServerSignalled.Contains(k.Kind)).Sum(k => k.Count) / total;
    }

    private static List<string> Risks(IReadOnlyList<ReadinessCheck> checks, AnomalyReport anomalies)
    {
        var risks = checks.Where(c => c.Status == CheckStatus.Marginal)
            .Select(c => $"{c.Name}: {c.Measured} against {c.Target}: little headroom")
            .ToList();
        risks.AddRange(AdverseTrends(anomalies).Select(t =>
            $"{(t.Metric == SeriesMetric.Throughput ? "throughput falling" : t.Id.Replace("-trend", "", StringComparison.Ordinal) + " rising")} over the hold: " +
            $"{Figures.N(t.ChangeOverHold)} over the hold from a median of {Figures.N(t.Median)}"));
        if (anomalies.Anomalies.Count > 0)
        {
            risks.Add($"{anomalies.Anomalies.Count} {(anomalies.Anomalies.Count == 1 ? "anomaly" : "anomalies")} in the hold: {string.Join(", ", anomalies.Anomalies.Take(5).Select(a => a.Id))}");
        }

        risks.AddRange(checks.Where(c => c.Status == CheckStatus.NotJudged).Select(c => $"{c.Name} not judged: {c.Note}"));
        return risks;
    }

    /// <summary>Significant trends that point the wrong way: latency rising, throughput falling.</summary>
    private static IEnumerable<Trend> AdverseTrends(AnomalyReport anomalies) => anomalies.Trends.Where(t => t.Significant
        && ((t.Metric == SeriesMetric.Throughput && t.Direction == TrendDirection.Falling)
            || (t.Metric != SeriesMetric.Throughput && t.Direction == TrendDirection.Rising)));
}
