using WsLoad.Scenarios;

namespace WsLoad.Results;

/// <summary>
/// What a run's result says about the run itself rather than its measurements: what ran, where, when, its plan's
/// phase boundaries, and how it ended. The frame of <see cref="RunResultBuilder"/>'s fold.
/// </summary>
public sealed record RunFrame
{
    public string ToolVersion { get; init; } = "";

    public required Scenario Scenario { get; init; }

    public required RunEnvironment Environment { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The plan's ramp-up end and hold end, in seconds from the start.</summary>
    public double RampUpEndSeconds { get; init; }

    public double HoldEndSeconds { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>How the run ended before thresholds were judged (the fold turns Completed into ThresholdsFailed when one fails).</summary>
    public RunStatus Status { get; init; }

    public string? StatusReason { get; init; }

    /// <summary>How each live sink fared.</summary>
    public IReadOnlyList<SinkHealth> Sinks { get; init; } = [];
}
