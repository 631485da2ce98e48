using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Suites;

/// <summary>An embedded server a suite started for a scenario; disposing it stops it (by its own process id).</summary>
public interface ISuiteServer : IAsyncDisposable
{
    /// <summary>Its WebSocket URL: the suite's <c>${url}</c>.</summary>
    Uri Url { get; }

    /// <summary>Its process id, so the run samples its CPU and memory.</summary>
    int ProcessId { get; }

    /// <summary>Its <c>/stats</c> URL, for its garbage-collection pauses; null when it has none.</summary>
    Uri? StatsUrl { get; }
}

/// <summary>How a suite is carried out, as opposed to what it runs (<see cref="Suite"/>).</summary>
public sealed record SuiteOptions
{
    /// <summary>Where suite.json and each scenario's folder (with its run.json) go. Created if missing.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>
    /// Run against this target instead of embedded servers (<c>--url</c>): no server is started, <c>${url}</c> is this, and
    /// scenarios that need the suite's own server do not apply.
    /// </summary>
    public Uri? TargetUrl { get; init; }

    /// <summary>The target server's process id when it runs on this machine and the suite does not start one (<c>--server-pid</c>).</summary>
    public int? ServerProcessId { get; init; }

    /// <summary>Starts an embedded server (the CLI starts <c>wsload serve</c>); null: a scenario that asks for one is skipped, saying why.</summary>
    public Func<SuiteServer, CancellationToken, Task<ISuiteServer>>? StartServer { get; init; }

    /// <summary>
    /// How each scenario is run: its sinks, warm-up, worker launcher. The suite sets the worker count (as
    /// <c>--workers auto</c> chooses it) and the server to sample; the default runs each in this process.
    /// </summary>
    public Func<Scenario, ISuiteServer?, LoadTestOptions>? RunOptions { get; init; }

    /// <summary>Called after each scenario's run.json is written (the CLI writes its reports there); its failure is the caller's.</summary>
    public Func<RunResult, string, Task>? OnScenarioWritten { get; init; }

    /// <summary>Says what the suite is doing, a line at a time (the CLI writes them to stderr); null says nothing.</summary>
    public Action<string>? OnProgress { get; init; }
}
