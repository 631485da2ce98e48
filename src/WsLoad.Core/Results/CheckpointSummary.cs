namespace WsLoad.Results;

/// <summary>
/// How one checkpoint fared over the run: how often it fired, for how long it held, and its worst reading. Computed by
/// judging the run's snapshots again (<see cref="Checkpoints.CheckpointJudge"/>), the same judgement the live run acted on.
/// </summary>
public sealed record CheckpointSummary
{
    public required string Name { get; init; }

    /// <summary>The condition as written.</summary>
    public required string When { get; init; }

    /// <summary><c>abort</c>, <c>ramp-down</c>, <c>pause-ramp</c>, <c>alert</c> or <c>mark</c>.</summary>
    public required string Action { get; init; }

    /// <summary>How many times the condition came to hold.</summary>
    public int Fired { get; init; }

    /// <summary>When it first came to hold, seconds since the start; null if it never did.</summary>
    public double? FirstFiredSeconds { get; init; }

    /// <summary>Judged seconds in which it held.</summary>
    public int SecondsHeld { get; init; }

    /// <summary>Seconds judged (those after its <c>after</c> delay).</summary>
    public int SecondsJudged { get; init; }

    /// <summary>The reading furthest past the limit while it held, in the metric's unit; null when it never held or is a flag.</summary>
    public double? WorstValue { get; init; }

    /// <summary>The metric's unit: <c>ms</c>, <c>%</c>, <c>/s</c>, <c>count</c>, or <c>flag</c>.</summary>
    public string Unit { get; init; } = "";

    /// <summary>
    /// True when it fired and its action says something went wrong (abort, ramp-down, alert): a failed check in JUnit,
    /// for a run or a suite. A pause-ramp firing is the capacity probe at work, and a mark is only a mark.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool FiredAsFailure => Fired > 0 && Action is "abort" or "ramp-down" or "alert";
}

/// <summary>The run's checkpoints and, with a <c>pause-ramp</c> checkpoint, the capacity answer it gives.</summary>
public sealed record CheckpointsSummary
{
    public IReadOnlyList<CheckpointSummary> Items { get; init; } = [];

    /// <summary>
    /// With a <c>pause-ramp</c> checkpoint: the most connections open at the end of a second in which no pause-ramp
    /// condition held, the highest level held healthy; null otherwise.
    /// </summary>
    public long? HighestHealthyLevel { get; init; }

    /// <summary>The second whose end had <see cref="HighestHealthyLevel"/> open, seconds since the start.</summary>
    public double? HighestHealthyAtSeconds { get; init; }
}
