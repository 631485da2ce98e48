using WsLoad.Analysis;
using WsLoad.Results;

namespace WsLoad.Reporting.Model;

/// <summary>What the run's outcome was, in one word, and why.</summary>
public enum VerdictKind
{
    /// <summary>Every threshold held (and only that: the readiness verdict is stated apart).</summary>
    Passed,
    Failed,
    Interrupted,
    Aborted,

    /// <summary>No thresholds were set; the readiness verdict was GO.</summary>
    Go,

    /// <summary>No thresholds were set; the readiness verdict was NO-GO.</summary>
    NoGo,

    /// <summary>No thresholds were set; the readiness verdict was INCONCLUSIVE.</summary>
    Inconclusive,

    /// <summary>No thresholds were set and there is no readiness verdict (the analysis failed): nothing was judged.</summary>
    Completed,
}

/// <summary>
/// The verdict shown first in every report: <see cref="Headline"/> and a sentence that explains it. PASSED or FAILED
/// when the run had thresholds (they say only whether the thresholds held); without thresholds, the readiness verdict
/// (GO, NO-GO, INCONCLUSIVE), since there was nothing else to pass; INTERRUPTED or ABORTED when the run did not finish.
/// </summary>
public sealed record Verdict(VerdictKind Kind, string Headline, string Explanation)
{
    public static Verdict Of(RunResult result) => Of(result, result?.Analysis);

    /// <param name="result">The run.</param>
    /// <param name="analysis">Its analysis (run.json's, or one made now for an old run.json); null when it failed.</param>
    public static Verdict Of(RunResult result, RunAnalysis? analysis)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failed = result.Thresholds.Where(t => !t.Passed).Select(t => t.Expression).ToList();
        return result.Status switch
        {
            RunStatus.Completed when result.Thresholds.Count == 0 => Readiness(analysis?.Verdict),
            RunStatus.Completed =>
                new(VerdictKind.Passed, "PASSED", $"The run completed and all {result.Thresholds.Count} threshold(s) held."),
            RunStatus.ThresholdsFailed =>
                new(VerdictKind.Failed, "FAILED", $"{failed.Count} of {result.Thresholds.Count} threshold(s) failed: {string.Join("; ", failed)}."),
            RunStatus.Interrupted =>
                new(VerdictKind.Interrupted, "INTERRUPTED", $"The run was interrupted after {ReportFormat.Seconds(result.DurationSeconds)} ({result.StatusReason ?? "no reason recorded"}): the figures cover only that part and no verdict is given."),
            _ when CheckpointTables.StoppedBy(result) is { } checkpoint =>
                new(VerdictKind.Aborted, "ABORTED", $"The run was aborted after {ReportFormat.Seconds(result.DurationSeconds)} by its checkpoint '{checkpoint.Name}': {CheckpointHeld(checkpoint)}. The figures cover only that part."),
            _ =>
                new(VerdictKind.Aborted, "ABORTED", $"The run was aborted after {ReportFormat.Seconds(result.DurationSeconds)}: {result.StatusReason ?? "no reason recorded"}."),
        };
    }

    /// <summary>"connections.failed > 30 held from 4 s (worst 50)", from the checkpoint's figures.</summary>
    private static string CheckpointHeld(Results.CheckpointSummary checkpoint)
    {
        var worst = CheckpointTables.Worst(checkpoint);
        return $"{checkpoint.When} held"
            + (checkpoint.FirstFiredSeconds is { } at ? $" from {ReportFormat.Seconds(at)}" : "")
            + (worst == "-" ? "" : $" (worst {worst})");
    }

    private static Verdict Readiness(ReadinessVerdict? readiness)
    {
        if (readiness is null)
        {
            return new(VerdictKind.Completed, "COMPLETED", "The run completed. No thresholds were set and the analysis failed, so nothing was judged: read the figures.");
        }

        var kind = readiness.Decision switch
        {
            ReadinessDecision.Go => VerdictKind.Go,
            ReadinessDecision.NoGo => VerdictKind.NoGo,
            _ => VerdictKind.Inconclusive,
        };
        var why = readiness.Reasons.Count == 0 ? "" : $": {readiness.Reasons[0].TrimEnd('.')}";
        return new(kind, AnalysisTables.Decision(readiness.Decision),
            $"The run completed. No thresholds were set, so this is the readiness verdict (confidence {ReportFormat.Percent(100 * readiness.Confidence)}){why}.");
    }
}
