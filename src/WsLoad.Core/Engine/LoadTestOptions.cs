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

    /// <summary>The target server's process id when it runs on this machine, so its CPU and memory are sampled too.</summary>
    public int? ServerProcessId { get; init; }

}
