using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Cli;

/// <summary>
/// The library calls the commands make, as replaceable functions: the defaults are the real loader, validator,
/// engine and run.json writer; tests swap in fakes to check parsing, output and exit codes without running load.
/// </summary>
internal sealed record CliServices
{
    public Func<string, Scenario> LoadScenario { get; init; } = ScenarioLoader.LoadFile;

    public Func<Scenario, IReadOnlyList<ScenarioError>> Validate { get; init; } = LoadTest.Validate; // the engine's limits too (a stamp that does not fit)

    public Func<Scenario, LoadTestOptions, CancellationToken, Task<RunResult>> RunLoadTest { get; init; } = LoadTest.RunAsync;

    public Func<RunResult, string, CancellationToken, Task> WriteRunJson { get; init; } = RunResultJson.WriteAsync;

    /// <summary>This machine's limits for <c>plan</c> and the checks before <c>run</c>.</summary>
    public Func<Planning.MachineLimits> ReadMachineLimits { get; init; } = Planning.MachineLimits.Read;

    /// <summary>One TCP connect to the target before a run (<see cref="Preflight.TargetProbe"/>).</summary>
    public Func<Uri, CancellationToken, Task<Preflight.TargetProbeResult>> ProbeTarget { get; init; } = Preflight.TargetProbe.ProbeAsync;

    /// <summary>run.json's text, for <c>--output json</c>.</summary>
    public Func<RunResult, string> SerializeRunJson { get; init; } = RunResultJson.Serialize;
}

/// <summary>What every command needs from the host: where to write, which services to call, the global options.</summary>
internal sealed record CliContext(CliConsole Console, CliServices Services, System.CommandLine.Option<bool> Verbose);
