using WsLoad.Results;

namespace WsLoad.Reporting.Model;

/// <summary>What the run's outcome was, in one word, and why.</summary>
public enum VerdictKind
{
    Passed,
    Failed,
    Interrupted,
    Aborted,
}

/// <summary>The verdict shown first in every report: <see cref="Headline"/> (PASSED, FAILED, ...) and a sentence that explains it.</summary>
public sealed record Verdict(VerdictKind Kind, string Headline, string Explanation)
{
    public static Verdict Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failed = result.Thresholds.Where(t => !t.Passed).Select(t => t.Expression).ToList();
        return result.Status switch
        {
            RunStatus.Completed when result.Thresholds.Count == 0 =>
                new(VerdictKind.Passed, "PASSED", "The run completed. No thresholds were set, so the figures below are the verdict: read the findings."),
            RunStatus.Completed =>
                new(VerdictKind.Passed, "PASSED", $"The run completed and all {result.Thresholds.Count} threshold(s) held."),
            RunStatus.ThresholdsFailed =>
                new(VerdictKind.Failed, "FAILED", $"{failed.Count} of {result.Thresholds.Count} threshold(s) failed: {string.Join("; ", failed)}."),
            RunStatus.Interrupted =>
                new(VerdictKind.Interrupted, "INTERRUPTED", $"The run was interrupted after {ReportFormat.Seconds(result.DurationSeconds)} ({result.StatusReason ?? "no reason recorded"}): the figures cover only that part and no verdict is given."),
            _ =>
                new(VerdictKind.Aborted, "ABORTED", $"The run was aborted after {ReportFormat.Seconds(result.DurationSeconds)}: {result.StatusReason ?? "no reason recorded"}."),
        };
    }
}
