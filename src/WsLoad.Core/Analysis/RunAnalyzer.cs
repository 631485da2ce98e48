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
