namespace WsLoad.Scenarios;

/// <summary>What a checkpoint does when its condition comes to hold.</summary>
public enum CheckpointAction
{
    /// <summary>An event on the timeline, nothing more.</summary>
    Mark,

    /// <summary>An alert: an event on the timeline (webhooks, once they exist, send it on).</summary>
    Alert,

    /// <summary>Stop the run now with status <c>aborted</c>, naming the checkpoint; the results are still written.</summary>
    Abort,

    /// <summary>Stop opening connections and close a share of the open ones, or down to a count.</summary>
    RampDown,

    /// <summary>Hold the ramp at the current level while the condition holds; it goes on once the condition clears.</summary>
    PauseRamp,
}

/// <summary>
/// One of a scenario's <c>checkpoints</c>: a live condition on the per-second metrics (<see cref="When"/>, see
/// <c>CheckpointCondition</c>), judged every second, and what to do when it holds. A checkpoint fires when its
/// condition comes to hold and clears when it stops holding; every firing and clearing is an event on the timeline.
/// </summary>
public sealed record CheckpointOptions
{
    /// <summary>A short name for events and reports; the condition's text when not given.</summary>
    public string? Name { get; init; }

    /// <summary>The condition, e.g. <c>rtt.p99[10s] &gt; 500ms for 5s</c>.</summary>
    public required string When { get; init; }

    public CheckpointAction Action { get; init; } = CheckpointAction.Mark;

    /// <summary><see cref="CheckpointAction.RampDown"/>: the share (0-1] of the open connections to close.</summary>
    public double? CloseShare { get; init; }

    /// <summary><see cref="CheckpointAction.RampDown"/>: close connections until this many are open.</summary>
    public int? CloseTo { get; init; }

    /// <summary>Not judged before this long after the run's start (k6's <c>delayAbortEval</c>): a ramp's first seconds are noisy.</summary>
    public TimeSpan After { get; init; }

    /// <summary>The name reports use: <see cref="Name"/>, or the condition.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? When : Name;

    /// <summary>The action as a scenario writes it: <c>abort</c>, <c>ramp-down</c>, <c>pause-ramp</c>, <c>alert</c>, <c>mark</c>.</summary>
    public static string ActionName(CheckpointAction action) => action switch
    {
        CheckpointAction.Abort => "abort",
        CheckpointAction.RampDown => "ramp-down",
        CheckpointAction.PauseRamp => "pause-ramp",
        CheckpointAction.Alert => "alert",
        _ => "mark",
    };

    /// <summary>The actions' written names, for errors and help.</summary>
    public static IReadOnlyList<string> ActionNames { get; } = ["abort", "ramp-down", "pause-ramp", "alert", "mark"];

    /// <summary>Reads an action as written (<c>ramp-down</c>; <c>rampDown</c> too); false for anything else.</summary>
    public static bool TryParseAction(string? text, out CheckpointAction action)
    {
        var key = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
        (var known, action) = key switch
        {
            "ABORT" => (true, CheckpointAction.Abort),
            "RAMPDOWN" => (true, CheckpointAction.RampDown),
            "PAUSERAMP" => (true, CheckpointAction.PauseRamp),
            "ALERT" => (true, CheckpointAction.Alert),
            "MARK" => (true, CheckpointAction.Mark),
            _ => (false, CheckpointAction.Mark),
        };
        return known;
    }
}
