using WsLoad.Scenarios;

namespace WsLoad.Checkpoints;

/// <summary>
/// A checkpoint that came to hold (<see cref="Fired"/>) or stopped holding in the second the judge was just given:
/// what a live sink acts on. <see cref="Value"/> is the metric's reading then, in its unit (null for a flag).
/// </summary>
public sealed record CheckpointTransition(CheckpointOptions Checkpoint, CheckpointCondition Condition, bool Fired, double? Value, double AtSeconds)
{
    /// <summary>One line for the timeline: "slow replies: rtt.p99[10s] = 812 ms (> 500ms) → abort".</summary>
    public string Describe()
    {
        var reading = Condition.Operator is null ? Condition.Metric : $"{Condition.Metric}{(Condition.WindowSeconds is { } w ? $"[{w}s]" : "")} = {Format(Value)}";
        var name = Checkpoint.DisplayName == Checkpoint.When ? "" : Checkpoint.DisplayName + ": ";
        return Fired
            ? $"{name}{Checkpoint.When} held ({reading}) → {CheckpointOptions.ActionName(Checkpoint.Action)}"
            : $"{name}{Checkpoint.When} cleared ({reading})";
    }

    private string Format(double? value) => value is not { } v ? "no data"
        : Condition.Definition.Unit switch
        {
            Thresholds.ThresholdUnit.Milliseconds => FormattableString.Invariant($"{v:0.###} ms"),
            Thresholds.ThresholdUnit.Percent => FormattableString.Invariant($"{v:0.###}%"),
            Thresholds.ThresholdUnit.PerSecond => FormattableString.Invariant($"{v:0.#}/s"),
            _ => FormattableString.Invariant($"{v:0.###}"),
        };
}
