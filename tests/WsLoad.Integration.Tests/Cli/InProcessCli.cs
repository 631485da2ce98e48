using WsLoad.Cli;
using WsLoad.Cli.Preflight;
using WsLoad.Engine;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Cli;

/// <summary>
/// Runs <c>wsload</c> in this process over string writers, with a fake engine, loader, validator and target probe, and records
/// what the command handed them. Nothing here opens a socket.
/// </summary>
internal sealed class InProcessCli : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public RunResult Result { get; set; } = SampleRuns.Result();

    /// <summary>When set, the fake engine throws this instead of returning <see cref="Result"/>.</summary>
    public Exception? EngineFailure { get; set; }

    /// <summary>When set, the fake engine runs this (it gets the run's cancellation token) instead of returning <see cref="Result"/>.</summary>
    public Func<CancellationToken, Task<RunResult>>? Engine { get; set; }

    /// <summary>Stands for Ctrl+C: the shutdown token the command line is invoked with.</summary>
    public CancellationTokenSource Shutdown { get; } = new();

    /// <summary>Scenario files the fake loader knows, by path; any other path is "not found".</summary>
    public Dictionary<string, Scenario> Files { get; } = [];

    public List<ScenarioError> ValidationErrors { get; } = [];

    /// <summary>The machine the commands see; null for this one's.</summary>
    public MachineLimits? Machine { get; set; }

    /// <summary>What the fake probe of the target before a run finds (no socket is opened).</summary>
    public TargetProbeResult Probe { get; set; } = new(TargetAnswer.Accepted, "accepts connections");

    public Scenario? RanScenario { get; private set; }

    public LoadTestOptions? RanOptions { get; private set; }

    public string? WrittenRunJsonPath { get; private set; }

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        Shutdown.Dispose();
    }

    public async Task<int> InvokeAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var services = new CliServices
        {
            LoadScenario = path => Files.TryGetValue(path, out var scenario)
                ? scenario
                : throw new ScenarioException([new ScenarioError { File = path, Message = "file not found" }]),
            Validate = _ => ValidationErrors,
            RunLoadTest = (scenario, options, cancellationToken) =>
            {
                RanScenario = scenario;
                RanOptions = options;
                if (Engine is not null)
                {
                    return Engine(cancellationToken);
                }

                return EngineFailure is not null ? Task.FromException<RunResult>(EngineFailure) : Task.FromResult(Result);
            },
            WriteRunJson = (_, path, _) =>
            {
                WrittenRunJsonPath = path;
                return Task.CompletedTask;
            },
            ReadMachineLimits = () => Machine ?? MachineLimits.Read(),
            ProbeTarget = (_, _) => Task.FromResult(Probe),
            SerializeRunJson = result => $$$"""{"schemaVersion":1,"status":"{{{result.Status}}}","summary":{"messages":{"sent":{{{result.Summary.Messages.Sent}}}}},"series":[]}""",
        };
        return await WsLoadCli.InvokeAsync(args, CliConsole.Plain(_out, _error), services, Shutdown.Token).WaitAsync(timeout.Token);
    }
}
