using WsLoad.Analysis.Anomalies;
using WsLoad.Analysis.Capacity;
using WsLoad.Analysis.Failures;
using WsLoad.Analysis.Readiness;
using WsLoad.Analysis.RootCauses;
using WsLoad.Results;

namespace WsLoad.Analysis;

/// <summary>
/// Analyses a run from its <see cref="RunResult"/> alone: failures, anomalies and capacity, then the ranked root causes
/// (<see cref="RootCauseRules"/>), then the readiness verdict (<see cref="ReadinessRules"/>). Pure, deterministic and
/// culture-invariant: the same run.json always gives the same analysis.
/// </summary>
public static class RunAnalyzer
{
    /// <summary>
    /// The analysis, or none if the analysis itself fails: a bug there must never cost the user the measurements of
    /// their run, nor the rest of a report (run.json then has no analysis block, and <c>wsload analyze run.json</c> shows
    /// the error). An analysis that JSON cannot hold (a NaN) counts as failed, since it would stop run.json being written.
    /// </summary>
    public static RunAnalysis? AnalyzeOrNone(RunResult run)
    {
        try
        {
            var analysis = Analyze(run);
            _ = System.Text.Json.JsonSerializer.Serialize(analysis, RunResultJson.Options);
            return analysis;
        }
#pragma warning disable CA1031 // Deliberately broad: whatever the analysis throws, the run's result is kept.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    public static RunAnalysis Analyze(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var failures = FailureAnalysis.Analyze(run);
        var anomalies = AnomalyAnalysis.Analyze(run);
        var capacity = CapacityAnalysis.Analyze(run);
        var causes = RootCauseRanker.Rank(run, failures);
        return new RunAnalysis
        {
            Failures = failures,
            Anomalies = anomalies,
            Capacity = capacity,
            RootCauses = causes,
            Verdict = ReadinessJudge.Judge(run, failures, anomalies, causes),
        };
    }
}
