namespace WsLoad.Results;

/// <summary>Where an event on the run's timeline came from.</summary>
public enum RunEventSource
{
    /// <summary>The network between generator and target (the chaos proxy's toxics).</summary>
    Network,

    /// <summary>The target server (a fault it was told to inject, or one it reported).</summary>
    Server,

    /// <summary>The generator's own connections (a client fault, a reconnect storm).</summary>
    Client,

    /// <summary>The run itself (phases, checkpoints, an abort).</summary>
    Run,
}

/// <summary>
/// Something that happened at a moment of the run and may explain what the series show then: a fault injected, a
/// toxic added or removed, a recovery. Reports and analysis line effects up with these causes.
/// <see cref="DurationSeconds"/> is set for events that last (a partition of 20 s), null for instants.
/// </summary>
public sealed record RunEvent
{
    /// <summary>Seconds since the run started.</summary>
    public double AtSeconds { get; init; }

    public RunEventSource Source { get; init; }

    /// <summary>A stable kebab-case name, e.g. <c>latency-added</c>, <c>connections-dropped</c>, <c>reconnected</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>What happened, in plain words with its figures, e.g. "dropped 500 of 2,000 connections".</summary>
    public string Description { get; init; } = "";

    public double? DurationSeconds { get; init; }

    /// <summary>How many connections or messages it touched, when it is a count.</summary>
    public long? Count { get; init; }
}
