using WsLoad.Thresholds;

namespace WsLoad.Checkpoints;

/// <summary>
/// One metric a checkpoint may name: its unit (null for a flag such as <c>generator.saturated</c>), whether it reads a
/// window, and how to read it from the live snapshots. <see cref="Read"/> returns null when there is nothing to judge
/// yet (no round trip in the window): the condition is then not met.
/// </summary>
internal sealed record LiveMetric(string Name, ThresholdUnit? Unit, Func<LiveWindow, int?, double?> Read, string Meaning)
{
    /// <summary>False for a level read from the newest second (open connections, a flag): it takes no window.</summary>
    public bool Windowed { get; init; } = true;

    /// <summary>What the metric is when it takes no window, for the error that refuses one.</summary>
    public string NoWindowReason { get; init; } = "a level of the newest second";
}
