using System.Text.Json.Serialization;
using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Workers;

/// <summary>
/// One message between a run's controller and one of its worker processes, carried in a <see cref="WorkerFrameCodec"/>
/// frame. A worker says <see cref="WorkerHello"/>; the controller answers with its <see cref="WorkerAssignment"/>; the
/// worker warms up, says <see cref="WorkerReady"/> and waits for <see cref="WorkerStart"/> (the start barrier: every
/// worker's run clock starts at the same instant), then sends one <see cref="WorkerInterval"/> a second and, at its
/// end, <see cref="WorkerDone"/>; or <see cref="WorkerFailed"/> if it cannot run. The controller may send
/// <see cref="WorkerStop"/> at any time, and <see cref="WorkerControl"/> when a checkpoint acts. Agents on other machines will send the same messages over NATS.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(WorkerHello), "hello")]
[JsonDerivedType(typeof(WorkerAssignment), "assignment")]
[JsonDerivedType(typeof(WorkerReady), "ready")]
[JsonDerivedType(typeof(WorkerStart), "start")]
[JsonDerivedType(typeof(WorkerInterval), "interval")]
[JsonDerivedType(typeof(WorkerDone), "done")]
[JsonDerivedType(typeof(WorkerFailed), "failed")]
[JsonDerivedType(typeof(WorkerStop), "stop")]
[JsonDerivedType(typeof(WorkerControl), "control")]
public abstract record WorkerMessage;

/// <summary>A worker's first message: its name (given on its command line) and process id.</summary>
public sealed record WorkerHello(string Worker, int ProcessId) : WorkerMessage;

/// <summary>
/// From the controller: what the worker runs. <paramref name="Segment"/> is its <see cref="Planning.ExecutionSegment"/>
/// (<c>from:to</c>) within <paramref name="Sequence"/>, from which it computes its own connections and rates;
/// <paramref name="ServerProcessId"/> and <paramref name="ServerStatsUrl"/> are set for one worker only, so the target
/// server is sampled once.
/// </summary>
public sealed record WorkerAssignment(
    Scenarios.Scenario Scenario,
    string Segment,
    string Sequence,
    bool WarmUp,
    int? ServerProcessId,
    Uri? ServerStatsUrl) : WorkerMessage;

/// <summary>The worker has warmed up and waits at the start barrier.</summary>
public sealed record WorkerReady(string Worker) : WorkerMessage;

/// <summary>From the controller: start the run's clock at <paramref name="At"/> (UTC), the same instant for every worker.</summary>
public sealed record WorkerStart(DateTimeOffset At) : WorkerMessage;

/// <summary>One interval of the worker's measurement; the controller merges the workers' snapshots of each index.</summary>
public sealed record WorkerInterval(IntervalSnapshot Snapshot) : WorkerMessage;

/// <summary>The worker's run is over: what it knows only at the end, and how its run ended.</summary>
public sealed record WorkerDone(ProcessFinalRecord Final, RunStatus Status, string? StatusReason) : WorkerMessage;

/// <summary>The worker cannot run (or stopped running) and why; nothing more will come from it.</summary>
public sealed record WorkerFailed(string Worker, string Reason) : WorkerMessage;

/// <summary>From the controller: stop now (Ctrl+C, or the run ended), close gracefully and send <see cref="WorkerDone"/>.</summary>
public sealed record WorkerStop(string Reason) : WorkerMessage;

/// <summary>
/// From the controller: a checkpoint acted on the merged run. <paramref name="Action"/> is <c>pause-ramp</c>,
/// <c>resume-ramp</c> or <c>ramp-down</c>; a ramp-down closes <paramref name="Share"/> (0-1] of the worker's open
/// connections (the controller turns "down to a count" into the share of the merged open count).
/// </summary>
public sealed record WorkerControl(string Action, double? Share = null) : WorkerMessage;
