using WsLoad.Scenarios;

namespace WsLoad.Checkpoints;

/// <summary>
/// A checkpoint that came to hold (<see cref="Fired"/>) or stopped holding in the second the judge was just given:
/// what a live sink acts on. <see cref="Value"/> is the metric's reading then, in its unit (null for a flag).
/// </summary>
public sealed record CheckpointTransition(CheckpointOptions Checkpoint, CheckpointCondition Condition, bool Fired, double? Value, double AtSeconds)
{
    /// <summary>One line for the timeline: "slow replies: rtt.p99[10s] > 500ms held (rtt.p99[10s] = 812 ms) → abort".</summary>
    public string Describe()
    {
        var name = Checkpoint.DisplayName == Checkpoint.When ? "" : Checkpoint.DisplayName + ": ";
        return name + DescribeCondition() + (Fired ? $" → {CheckpointOptions.ActionName(Checkpoint.Action)}" : "");
    }

    /// <summary>The condition and its reading, without the checkpoint's name: "rtt.p99[10s] > 500ms held (rtt.p99[10s] = 812 ms)".</summary>
    public string DescribeCondition()
    {
        var reading = Condition.Operator is null ? Condition.Metric : $"{Condition.Metric}{(Condition.WindowSeconds is { } w ? $"[{w}s]" : "")} = {Format(Value)}";
        return $"{Checkpoint.When} {(Fired ? "held" : "cleared")} ({reading})";
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
