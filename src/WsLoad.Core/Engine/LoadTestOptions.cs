using WsLoad.Planning;

namespace WsLoad.Engine;

/// <summary>How a run is carried out, as opposed to what it does (<see cref="Scenarios.Scenario"/>).</summary>
public sealed record LoadTestOptions
{
    /// <summary>
    /// Live consumers of the run's per-second snapshots and of its result (the console's live view, a dashboard, …).
    /// Each gets a queue of its own: none can hold the run up, and their trouble shows in <c>sinks</c>, not in the run's failures.
    /// </summary>
    /// <summary>
    /// Warm the generator up on a private loopback echo peer before the run's clock starts (once per process), so the first
    /// second's connect times are the server's, not the generator's JIT compilation. The CLI turns it on (unless
    /// <c>--no-warm-up</c>); off by default for embedders and tests, whose timings start when they call.
    /// </summary>
    public bool WarmUp { get; init; }

    public IReadOnlyList<Sinks.IRunSink> Sinks { get; init; } = [];

    /// <summary>How long the end of a run waits for its sinks to catch up before it reports them unfinished.</summary>
    public TimeSpan SinkDrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for scheduling; tests pass a fake.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Recorded in the result's environment block.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>The target server's process id when it runs on this machine, so its CPU and memory are sampled too.</summary>
    public int? ServerProcessId { get; init; }

    /// <summary>
    /// The target's <c>/stats</c> URL when it is a WsLoad server (<c>wsload serve</c>, the demo's) on this machine, with
    /// <see cref="ServerProcessId"/>: its garbage-collection pauses are sampled from it each second.
    /// </summary>
    public Uri? ServerStatsUrl { get; init; }

    /// <summary>Keeps every interval snapshot the run emits, so a test can fold them again; off by default (memory).</summary>
    internal bool KeepSnapshots { get; init; }

    /// <summary>
    /// The share of the plan this process runs: its connections, at their global times and ids, and its share of
    /// <c>messages.totalRate</c>. <see cref="ExecutionSegment.Full"/> (the default) runs the whole plan.
    /// </summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Full;

    /// <summary>
    /// The name this process's figures carry in each interval's process health and in its final record:
    /// <see cref="Metrics.ProcessHealth.LocalProcess"/> for a run in one process, the worker's name in a worker.
    /// </summary>
    public string ProcessName { get; init; } = Metrics.ProcessHealth.LocalProcess;

    /// <summary>
    /// How many worker processes run the plan, each its own <see cref="ExecutionSegment"/> of it
    /// (<see cref="Workers.WorkerController"/>); 1 (the default) runs it in this process.
    /// </summary>
    public int Workers { get; init; } = 1;

    /// <summary>Where the run says what its checkpoints do as they fire (the CLI writes it to stderr); null says nothing.</summary>
    public Action<string>? OnNotice { get; init; }

    /// <summary>
    /// Whether this process judges the scenario's checkpoints and acts on them: true for a whole run, false in a worker
    /// (its controller judges the merged snapshots and passes the actions on).
    /// </summary>
    internal bool JudgeCheckpoints { get; init; } = true;

    /// <summary>
    /// With <see cref="Workers"/> above 1: how to start a worker, given the controller's Unix socket and the worker's
    /// name, as the process <c>wsload worker --controller SOCKET --name NAME</c> (the wsload CLI sets its own).
    /// </summary>
    public Func<string, string, System.Diagnostics.ProcessStartInfo>? WorkerLauncher { get; init; }
}
