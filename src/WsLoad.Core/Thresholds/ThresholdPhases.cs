using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Thresholds;

/// <summary>
/// Which phase a threshold judges. Named in braces (<c>rtt.p99{phase:hold}</c>): one of run.json's phases or <c>all</c>
/// (the whole run). Unnamed, the default: round-trip latency (<c>rtt.*</c>, <c>response.*</c>) and throughput are judged
/// on the hold — the steady state — when the hold has data for them; everything else (connects, errors, losses, success
/// rates, counts) and any metric the hold has no data for is judged on the whole run.
/// </summary>
public static class ThresholdPhases
{
    /// <summary>The whole run.</summary>
    public const string AllName = "all";

    /// <summary>Every phase a threshold may name, for error messages: the plan's phases then <c>all</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. PlanPhases.All.Select(p => p.Name()), AllName];

    /// <summary>The phase a threshold judges: the one it names, or the default for its metric in this run.</summary>
    public static string Of(ThresholdExpression threshold, RunSummary summary, IReadOnlyDictionary<string, PhaseSummary> phases)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(phases);
        return threshold.Phase ?? Default(ThresholdMetrics.All[threshold.Metric], summary, phases);
    }

    /// <summary>How a check or report says which phase was judged: <c>on the hold</c>, <c>whole run</c>.</summary>
    public static string Describe(string phase) => phase == AllName ? "whole run" : "on the " + phase;

    /// <summary>The phase a threshold on <paramref name="metric"/> judges when it names none.</summary>
    internal static string Default(ThresholdMetrics.Metric metric, RunSummary summary, IReadOnlyDictionary<string, PhaseSummary> phases) =>
        metric.SteadyState && Read(metric, PlanPhases.HoldName, summary, phases) is not null ? PlanPhases.HoldName : AllName;

    /// <summary>Whether <paramref name="phase"/> can give <paramref name="metric"/> (the whole run gives every metric).</summary>
    internal static bool CanRead(ThresholdMetrics.Metric metric, string phase) => phase == AllName || metric.ReadPhase is not null;

    /// <summary>The metric's value in the phase; null when the run has no data for it there (or no such phase).</summary>
    internal static double? Read(ThresholdMetrics.Metric metric, string phase, RunSummary summary, IReadOnlyDictionary<string, PhaseSummary> phases)
    {
        if (phase == AllName)
            return metric.ReadAll is { } readAll ? readAll(summary, phases) : metric.Read(summary);
        if (metric.ReadPhase is null || !phases.TryGetValue(phase, out var figures) || figures.Intervals == 0)
            return null;
        return phase == PlanPhases.HoldName && metric.ReadHold is { } readHold ? readHold(summary) : metric.ReadPhase(figures);
    }

    /// <summary>Why a phase has no data for a metric, for the threshold's error.</summary>
    internal static string NoDataReason(ThresholdMetrics.Metric metric, string phase, IReadOnlyDictionary<string, PhaseSummary> phases) =>
        phase == AllName ? metric.NoDataReason
        : !phases.TryGetValue(phase, out var figures) || figures.Intervals == 0 ? $"the run has no {phase} phase figures"
        : $"{metric.NoDataReason} in the {phase} phase";
}
