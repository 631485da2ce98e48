using WsLoad.Analysis;
using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Cli.Console;

internal static partial class SummaryRenderer
{
    /// <summary>
    /// One line that says how the run ended and where its results are; the last line of the summary, and all that
    /// <c>--quiet</c> prints. Its first word is the outcome: INTERRUPTED or ABORTED when the run did not finish; PASSED
    /// or FAILED when it had thresholds (that word means only that they held, or not); otherwise the readiness verdict
    /// of the analysis (GO, NO-GO or INCONCLUSIVE), since a run without thresholds has nothing else to pass. A finished
    /// run's line always ends with the readiness verdict and, unless GO, its first reason. The exit code follows the
    /// thresholds alone (<see cref="ExitCodes.FromStatus"/>); <c>wsload analyze</c> exits by the readiness verdict.
    /// </summary>
    public static string VerdictLine(RunResult result, string? runJsonPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        var readiness = result.Analysis?.Verdict;
        var hasThresholds = result.Thresholds.Count > 0;
        var lead = result.Status switch
        {
            RunStatus.Interrupted => "INTERRUPTED",
            RunStatus.Aborted => "ABORTED",
            RunStatus.ThresholdsFailed => "FAILED",
            RunStatus.Completed when hasThresholds => "PASSED",
            RunStatus.Completed when readiness is not null => AnalysisTables.Decision(readiness.Decision),
            RunStatus.Completed => "COMPLETED",
            _ => result.Status.ToString().ToUpperInvariant(),
        };
        var messages = result.Summary.Messages;
        var line = $"{lead}: {ConnectionCounts.Of(result.Summary).Headline}, "
            + $"{Numbers.Count(messages.Sent)} sent, {Numbers.Count(messages.Received)} received, "
            + RttP99(result);
        if (hasThresholds)
        {
            line += $", thresholds {result.Thresholds.Count(t => t.Passed)}/{result.Thresholds.Count} passed";
        }

        if (result.StatusReason is { Length: > 0 } reason)
        {
            line += $" ({reason})";
        }

        if (result.Status is RunStatus.Completed or RunStatus.ThresholdsFailed)
        {
            line += "; " + Readiness(readiness, hasThresholds);
        }

        return runJsonPath is null ? line : $"{line}; results: {runJsonPath}";
    }

    /// <summary>
    /// The hold's rtt p99 when the run has one (the steady state, as the summary leads with it), else the whole run's; a
    /// broadcast's fan-out p99 and reach instead.
    /// </summary>
    private static string RttP99(RunResult result) => result.Summary.Push is { } push
        ? $"push gaps {Numbers.Count(push.Gaps)}, one way p99 {Numbers.Ms(push.LatencyMs?.P99)} ms"
        : result.Summary.Fanout is { } fanout
        ? $"fan-out p99 {Numbers.Ms(fanout.LatencyMs?.P99)} ms, reach {(fanout.ReachPercent is { } reach ? Numbers.Decimal(Math.Round(reach, 3)) + "%" : "-")}"
        : SteadyState.Hold(result) is { Rtt: { Count: > 0 } hold }
            ? $"hold rtt p99 {Numbers.Ms(hold.P99)} ms"
            : $"rtt p99 {Numbers.Ms(result.Summary.LatencyMs.Rtt?.P99)} ms";

    /// <summary>"readiness NO-GO: why" after thresholds; "readiness verdict, no thresholds set: why" when it leads the line.</summary>
    private static string Readiness(ReadinessVerdict? verdict, bool hasThresholds)
    {
        if (verdict is null)
        {
            return (hasThresholds ? "" : "no thresholds set and ") + "no readiness verdict (the analysis failed; wsload analyze run.json shows why)";
        }

        var words = hasThresholds ? $"readiness {AnalysisTables.Decision(verdict.Decision)}" : "readiness verdict, no thresholds set";
        return verdict.Decision == ReadinessDecision.Go || verdict.Reasons.Count == 0 ? words : $"{words}: {verdict.Reasons[0]}";
    }
}
