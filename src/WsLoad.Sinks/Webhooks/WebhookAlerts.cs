using System.Globalization;
using System.Text.Json;
using WsLoad.Analysis;
using WsLoad.Checkpoints;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// What each webhook message says: the run's start (scenario, target host, plan), a live threshold breach or recovery,
/// a checkpoint's action, and the run's end (status, verdict, key figures, the HTML report). Pure: the time is given.
/// The target is named by host and port only: its path and query may carry a token of their own.
/// </summary>
public static class WebhookAlerts
{
    public static WebhookAlert Started(LiveRun run, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        var target = run.Scenario.Target.Url.Authority;
        return new WebhookAlert
        {
            Event = WebhookEvent.RunStarted,
            Run = run.Name,
            At = at,
            Title = $"WsLoad: {run.Name} started",
            Message = $"Load test '{run.Name}' is running against {target}: up to {Count(run.PeakConnections)} connections for {Duration(run.PlannedDuration.TotalSeconds)}.",
            Figures =
            [
                new("scenario", "Scenario", run.Name),
                new("target", "Target", target),
                new("plannedConnections", "Planned connections", Count(run.PeakConnections), run.PeakConnections),
                new("plannedSeconds", "Planned duration", Duration(run.PlannedDuration.TotalSeconds), Math.Round(run.PlannedDuration.TotalSeconds, 3)),
            ],
        };
    }

    /// <summary>A threshold watched live (<see cref="ThresholdAbort.Watch"/>) began to fail (fired) or holds again.</summary>
    public static WebhookAlert Threshold(LiveRun run, CheckpointTransition transition, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(transition);
        var threshold = transition.Checkpoint.DisplayName["threshold ".Length..];
        var reading = Reading(transition);
        return new WebhookAlert
        {
            Event = transition.Fired ? WebhookEvent.ThresholdBreached : WebhookEvent.ThresholdRecovered,
            Run = run.Name,
            At = at,
            AtSeconds = Math.Round(transition.AtSeconds, 3),
            Severity = transition.Fired ? AlertSeverity.Critical : AlertSeverity.Good,
            Title = transition.Fired ? $"WsLoad: {run.Name}: threshold {threshold} failing" : $"WsLoad: {run.Name}: threshold {threshold} holds again",
            Message = transition.Fired
                ? $"At {Duration(transition.AtSeconds)} into the run, the run so far fails '{threshold}' ({reading})."
                : $"At {Duration(transition.AtSeconds)} into the run, the run so far meets '{threshold}' again ({reading}).",
            Figures =
            [
                new("threshold", "Threshold", threshold),
                new("value", "Measured", reading, transition.Value),
                new("atSeconds", "At", Duration(transition.AtSeconds), Math.Round(transition.AtSeconds, 3)),
            ],
        };
    }

    /// <summary>A scenario checkpoint fired (and acts) or cleared.</summary>
    public static WebhookAlert Checkpoint(LiveRun run, CheckpointTransition transition, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(transition);
        var checkpoint = transition.Checkpoint;
        var action = CheckpointOptions.ActionName(checkpoint.Action);
        var what = transition.Fired ? ActionSentence(checkpoint.Action) : "It cleared.";
        return new WebhookAlert
        {
            Event = WebhookEvent.Checkpoint,
            Run = run.Name,
            At = at,
            AtSeconds = Math.Round(transition.AtSeconds, 3),
            Severity = !transition.Fired ? AlertSeverity.Good : checkpoint.Action is CheckpointAction.Abort ? AlertSeverity.Critical : AlertSeverity.Warning,
            Title = $"WsLoad: {run.Name}: checkpoint '{checkpoint.DisplayName}' {(transition.Fired ? "fired" : "cleared")}",
            Message = $"{transition.DescribeCondition()} at {Duration(transition.AtSeconds)} into the run. {what}",
            Figures =
            [
                new("checkpoint", "Checkpoint", checkpoint.DisplayName),
                new("condition", "Condition", checkpoint.When),
                new("action", "Action", action),
                new("value", "Measured", Reading(transition), transition.Value),
                new("atSeconds", "At", Duration(transition.AtSeconds), Math.Round(transition.AtSeconds, 3)),
            ],
        };
    }

    /// <summary>The run is over and written: <paramref name="htmlReport"/> is its HTML report, when one was written.</summary>
    public static WebhookAlert Ended(LiveRun run, RunResult result, string? htmlReport, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(result);
        var verdict = Verdict(result.Analysis?.Verdict.Decision);
        var status = JsonNamingPolicy.KebabCaseLower.ConvertName(result.Status.ToString());
        var summary = result.Summary;
        var errors = result.ErrorsByClass.Values.Sum();
        var passed = result.Thresholds.Count(t => t.Passed);
        var failed = result.Thresholds.Count - passed;
        // The hold's p99 when the run has one (the steady state, as the summary leads with it), else the whole run's.
        var hold = result.Phases.TryGetValue(Planning.PlanPhases.HoldName, out var phase) && phase.Intervals > 0 && phase.Rtt is { Count: > 0 } ? phase.Rtt : null;
        var rttP99 = (hold ?? summary.LatencyMs.Rtt) is { Count: > 0 } rtt ? rtt.P99 : (double?)null;
        var reason = result.StatusReason ?? (result.Analysis?.Verdict.Reasons is [var first, ..] ? first : null);
        List<AlertFigure> figures =
        [
            new("verdict", "Verdict", verdict ?? "none (no analysis)"),
            new("status", "Status", status),
            new("durationSeconds", "Duration", Duration(result.DurationSeconds), Math.Round(result.DurationSeconds, 3)),
            new("peakConnections", "Peak connections", Count(summary.Connections.Peak), summary.Connections.Peak),
            new("messagesSent", "Messages sent", Count(summary.Messages.Sent), summary.Messages.Sent),
            new("messagesReceived", "Messages received", Count(summary.Messages.Received), summary.Messages.Received),
            new("rttP99Ms", hold is null ? "RTT p99" : "RTT p99 (hold)", rttP99 is { } p99 ? Invariant($"{p99:0.###} ms") : "no replies", rttP99),
            new("rttP99Phase", "RTT p99 over", hold is null ? "the whole run" : "the hold"),
            new("errors", "Errors", Count(errors), errors),
            new("thresholdsPassed", "Thresholds passed", result.Thresholds.Count == 0 ? "none set" : Invariant($"{passed} of {result.Thresholds.Count}"), passed),
            new("thresholdsFailed", "Thresholds failed", Count(failed), failed),
        ];
        if (htmlReport is not null)
        {
            figures.Add(new("report", "Report", htmlReport));
        }

        return new WebhookAlert
        {
            Event = WebhookEvent.RunEnded,
            Run = run.Name,
            At = at,
            Severity = Severity(verdict, result.Status),
            Title = $"WsLoad: {run.Name} ended: {verdict ?? status.ToUpperInvariant()}",
            Message = $"Load test '{run.Name}' {status} after {Duration(result.DurationSeconds)}" + (reason is null ? "." : $": {reason}"),
            Verdict = verdict,
            Status = status,
            Figures = figures,
        };
    }

    private static string? Verdict(ReadinessDecision? decision) => decision switch
    {
        ReadinessDecision.Go => Suites.SuiteVerdict.Go,
        ReadinessDecision.NoGo => Suites.SuiteVerdict.NoGo,
        ReadinessDecision.Inconclusive => Suites.SuiteVerdict.Inconclusive,
        _ => null,
    };

    private static AlertSeverity Severity(string? verdict, RunStatus status) => (verdict, status) switch
    {
        (Suites.SuiteVerdict.NoGo, _) or (_, RunStatus.Aborted or RunStatus.ThresholdsFailed) => AlertSeverity.Critical,
        (Suites.SuiteVerdict.Go, RunStatus.Completed) => AlertSeverity.Good,
        _ => AlertSeverity.Warning,
    };

    private static string ActionSentence(CheckpointAction action) => action switch
    {
        CheckpointAction.Abort => "The run is aborting.",
        CheckpointAction.RampDown => "The run is ramping down.",
        CheckpointAction.PauseRamp => "The ramp is paused while it holds.",
        _ => "Alert.",
    };

    private static string Reading(CheckpointTransition transition)
    {
        // "rtt.p99 >= 200ms held (rtt.p99 = 812 ms)": the part in brackets is the reading.
        var text = transition.DescribeCondition();
        var open = text.LastIndexOf('(');
        return open >= 0 && text.EndsWith(')') ? text[(open + 1)..^1] : text;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Seconds as a person reads them: 45 s, 2m 30s, 1h 5m.</summary>
    internal static string Duration(double seconds)
    {
        var whole = (long)Math.Round(Math.Max(0, seconds));
        return whole switch
        {
            < 60 => Invariant($"{Math.Round(Math.Max(0, seconds), 1):0.#} s"),
            < 3600 => whole % 60 == 0 ? Invariant($"{whole / 60}m") : Invariant($"{whole / 60}m {whole % 60}s"),
            _ => Invariant($"{whole / 3600}h {whole % 3600 / 60}m"),
        };
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
