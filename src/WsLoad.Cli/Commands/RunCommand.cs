using System.CommandLine;
using WsLoad.Cli.Preflight;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Commands;

/// <summary><c>wsload run [SCENARIO_FILE] [flags]</c>: run a load test from a scenario file, flags, or both.</summary>
internal static class RunCommand
{
    private const string Description =
        "Run a load test from a scenario file (YAML or JSON), from flags, or a file with flags overriding it. "
        + "The scenario is validated before any connection is opened; results go to DIR/run.json (--out).";

    public const string Examples = """
        wsload run --url ws://127.0.0.1:8080/ws --connections 1000 --ramp exponential:20s --hold 60s --rate 1/s
        wsload run scenario.yaml
        wsload run scenario.yaml --connections 200 --threshold "rtt.p99 < 200ms" --output json
        wsload run --url ws://127.0.0.1:8080/ws --connections 200 --ramp burst --hold 30s --in-flight 1
        wsload run --url wss://example.test/ws -H "Authorization=Bearer abc" --insecure --quiet
        wsload run --url ws://127.0.0.1:8080/ws -c 5000 --server-pid 4242 --server-stats http://127.0.0.1:8080/stats
        wsload run --url ws://127.0.0.1:8080/ws -c 40000 --workers 3 --source 127.0.0.1-127.0.0.2
        wsload run examples/scale-100k.yaml --workers auto
        wsload run scenario.yaml --dashboard --metrics --webhook slack=env:SLACK_WEBHOOK_URL
        """;

    public static Command Create(CliContext context)
    {
        var scenarioFile = new Argument<string?>("SCENARIO_FILE")
        {
            Description = "A scenario file (.yaml, .yml or .json); optional when --url is given.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var flags = new RunFlagOptions();
        var output = new OutputOptions();
        var serverPid = new Option<int?>("--server-pid")
        {
            Description = "The target server's process id when it runs on this machine: its CPU and memory are sampled into run.json too.",
        };
        var serverStats = new Option<string?>("--server-stats")
        {
            Description = "With --server-pid, when the target is `wsload serve`: its /stats URL (e.g. http://127.0.0.1:8080/stats), read each second for the server's garbage-collection pauses.",
        };
        var workers = WorkerCount.Option(
            "Run the plan in N worker processes of this program, each a share of the connections and rates, merged exactly "
            + "into one run.json: past one process's ~19,000 open files (default 1: this process). auto: the fewest whose "
            + "open-file limits hold the peak, as wsload plan --workers auto says.",
            WorkerCount.One);
        var force = new Option<bool>("--force")
        {
            Description = "Run even when the plan does not fit this machine (open files per process, ports per source address, "
                + "memory); without it such a run stops with exit 2 before anything starts, and says what to change (see wsload plan).",
        };
        var command = new Command("run", Description) { scenarioFile, serverPid, serverStats, workers, force };
        flags.AddTo(command);
        output.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(
                parseResult.GetValue(scenarioFile),
                flags.Read(parseResult),
                output.Read(parseResult),
                parseResult.GetValue(serverPid),
                parseResult.GetValue(serverStats),
                parseResult.GetValue(workers),
                parseResult.GetValue(force),
                context,
                cancellationToken),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static Task<int> ExecuteAsync(
        string? file, RunFlags flags, OutputSettings output, int? serverPid, string? serverStats, WorkerCount workers, bool force, CliContext context, CancellationToken cancellationToken)
    {
        Uri? statsUrl = null;
        if (serverStats is not null)
        {
            var problem = serverPid is null
                ? "--server-stats needs --server-pid: the server's GC pauses are sampled with its CPU and memory"
                : !Uri.TryCreate(serverStats, UriKind.Absolute, out statsUrl) || statsUrl.Scheme is not ("http" or "https")
                    ? $"--server-stats '{serverStats}' is not an http:// or https:// URL (e.g. http://127.0.0.1:8080/stats)"
                    : null;
            if (problem is not null)
            {
                context.Console.Error.WriteLine(problem);
                return Task.FromResult(ExitCodes.UsageError);
            }
        }

        Scenario? fromFile = file is null ? null : context.Services.LoadScenario(file);
        var scenario = ScenarioFromFlags.Build(fromFile, flags);
        return CheckedRunAsync();

        // This machine's limits and the target first (see wsload plan): a run that cannot fit stops before it starts.
        async Task<int> CheckedRunAsync()
        {
            var checkedRun = await RunPreflight.CheckAsync(scenario, workers, force, context, cancellationToken).ConfigureAwait(false);
            return checkedRun.ExitCode
                ?? await RunExecution.ExecuteAsync(checkedRun.Scenario, output, new ServerToWatch(serverPid, statsUrl), context, cancellationToken, checkedRun.Workers).ConfigureAwait(false);
        }
    }
}
