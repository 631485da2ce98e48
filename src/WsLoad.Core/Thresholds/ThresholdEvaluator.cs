using WsLoad.Results;

namespace WsLoad.Thresholds;

/// <summary>Evaluates k6-style threshold expressions against a run's summary.</summary>
public static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdResult> Evaluate(IReadOnlyList<string> expressions, RunSummary summary) =>
        throw new NotImplementedException(expressions?.Count + summary?.ToString());
}
