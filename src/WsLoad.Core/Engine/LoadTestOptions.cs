namespace WsLoad.Engine;

/// <summary>How a run is carried out, as opposed to what it does (<see cref="Scenarios.Scenario"/>).</summary>
public sealed record LoadTestOptions
{
    /// <summary>Live sink for per-second snapshots; null for none.</summary>
    public IRunObserver? Observer { get; init; }

    /// <summary>The clock for scheduling; tests pass a fake.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Recorded in the result's environment block.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>How long to wait for outstanding replies after the last send before counting them lost.</summary>
    public TimeSpan? DrainTimeout { get; init; }
}
