using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>
/// The run's live checkpoints as every report shows them: one row per checkpoint with how it fared, and the capacity
/// answer a <c>pause-ramp</c> checkpoint gives. Phrased from <see cref="RunResult.Checkpoints"/>, the run's status and its
/// events, all as the run recorded them: nothing is judged again here.
/// </summary>
public static class CheckpointTables
{
    /// <summary>What the capacity line's figure is, for the reports to print under it.</summary>
    public const string HealthyLevelNote =
        "The most connections open at the end of a second in which no pause-ramp checkpoint's condition held.";

    /// <summary>How the action cell of the checkpoint that aborted the run ends.</summary>
    public const string StoppedTheRun = ": stopped the run";

    /// <summary>name, condition, action, fired, first at, held s (of those judged), worst; empty without checkpoints.</summary>
    public static ReportTable Table(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(["checkpoint", "condition", "action", "fired", "first at", "held s", "worst"],
        [
            .. (result.Checkpoints?.Items ?? []).Select(c => (IReadOnlyList<string>)
            [
                c.Name == c.When ? "-" : c.Name, c.When, Action(result, c), Count(c.Fired), c.FirstFiredSeconds is { } first ? Seconds(first) : "-",
                $"{Count(c.SecondsHeld)} of {Count(c.SecondsJudged)}", Worst(c),
            ]),
        ]);
    }

    /// <summary>"highest level held healthy: 300 connections (at 5 s)"; null when the run has no such figure (no pause-ramp checkpoint).</summary>
    public static string? HealthyLevel(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Checkpoints is { HighestHealthyLevel: { } level } checkpoints
            ? $"highest level held healthy: {Count(level)} connections" + (checkpoints.HighestHealthyAtSeconds is { } at ? $" (at {Seconds(at)})" : "")
            : null;
    }

    /// <summary>
    /// With a capacity figure whose pause-ramp checkpoints never fired: the run never met a level it had to hold back at,
    /// so the figure is a floor, not a limit. Null otherwise.
    /// </summary>
    public static string? HealthyLevelCaveat(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Checkpoints is { HighestHealthyLevel: not null } checkpoints
            && checkpoints.Items.Where(c => c.Action == "pause-ramp").All(c => c.Fired == 0)
            ? "No pause-ramp checkpoint fired: the ramp was never held back, so the capacity is at least this, not at most."
            : null;
    }

    /// <summary>The checkpoint the run's abort names (its status reason starts <c>checkpoint 'NAME':</c>), or null.</summary>
    public static CheckpointSummary? StoppedBy(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == RunStatus.Aborted && result.StatusReason is { } reason
            ? result.Checkpoints?.Items.FirstOrDefault(c => reason.StartsWith($"checkpoint '{c.Name}':", StringComparison.Ordinal))
            : null;
    }

    /// <summary>
    /// The checkpoint a <c>checkpoint-fired</c> or <c>checkpoint-cleared</c> event is about, read from the start of its
    /// description ("NAME: CONDITION held …", or "CONDITION held …" for an unnamed one); null for any other event.
    /// </summary>
    public static CheckpointSummary? Of(RunEvent runEvent, CheckpointsSummary? checkpoints)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        if (checkpoints is null || runEvent.Kind is not ("checkpoint-fired" or "checkpoint-cleared"))
        {
            return null;
        }

        return checkpoints.Items
            .Where(c => runEvent.Description.StartsWith(c.Name == c.When ? c.When + " " : $"{c.Name}: {c.When} ", StringComparison.Ordinal))
            .MaxBy(c => c.Name.Length + c.When.Length);
    }

    /// <summary>
    /// The events of the timeline that are <paramref name="checkpoint"/>'s, by time: its firings and clearings, the
    /// ramp-downs it made, and the run's abort when it was the one that stopped the run.
    /// </summary>
    public static IReadOnlyList<RunEvent> EventsOf(RunResult result, CheckpointSummary checkpoint)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var stopped = ReferenceEquals(StoppedBy(result), checkpoint);
        return
        [
            .. result.Events.Where(e => ReferenceEquals(Of(e, result.Checkpoints), checkpoint)
                || (e.Kind == "ramp-down" && e.Description.StartsWith($"checkpoint '{checkpoint.Name}' ", StringComparison.Ordinal))
                || (e.Kind == "run-aborted" && stopped))
                .OrderBy(e => e.AtSeconds),
        ];
    }

    /// <summary>The worst reading in the metric's unit; "-" when it never held, or for a flag.</summary>
    public static string Worst(CheckpointSummary checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.WorstValue is not { } value ? "-"
            : checkpoint.Unit switch
            {
                "ms" => Ms(value),
                "%" => Percent(value),
                "/s" => Number(value, "#,0.#") + "/s",
                "flag" => "-",
                _ => Number(value, "#,0.###"),
            };
    }

    /// <summary>The action, and for the checkpoint that aborted the run, that it did.</summary>
    private static string Action(RunResult result, CheckpointSummary checkpoint) =>
        ReferenceEquals(StoppedBy(result), checkpoint) ? checkpoint.Action + StoppedTheRun : checkpoint.Action;
}
