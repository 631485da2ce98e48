using WsLoad.Cli.Commands;
using WsLoad.Cli.Console;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Sinks;

namespace WsLoad.Cli;

/// <summary>
/// Runs a resolved scenario the way <c>run</c> and <c>demo</c> both do: validate, run with the chosen output,
/// write run.json, report, and turn the result into an exit code.
/// </summary>
internal static class RunExecution
{
    public static async Task<int> ExecuteAsync(
        Scenario scenario, OutputSettings output, ServerToWatch server, CliContext context, CancellationToken cancellationToken, int workers = 1)
    {
        var (console, services) = (context.Console, context.Services);
        _ = ReportFiles.Choose(output.Reports); // an unknown format is a usage error before anything runs
        var errors = services.Validate(scenario);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                console.Error.WriteLine(error.ToString());
            }

            return ExitCodes.UsageError;
        }

        Directory.CreateDirectory(output.OutDirectory);
        var showLive = output.Format == OutputFormat.Text && !output.Quiet;
        var peak = Planning.ConnectionPlan.Create(scenario.Connections).End;
        var liveView = showLive ? new LiveView(console, peak) : null;
        await using var monitoring = await LiveMonitoring.StartAsync(output.Monitoring, line => SayOnStderr(console, line), cancellationToken);
        var liveRun = new LiveRun(scenario.Name, scenario);
        var options = new LoadTestOptions
        {
            Sinks = [.. liveView is null ? [] : new IRunSink[] { liveView }, .. monitoring.SinksFor(liveRun)],
            CommandLine = Secrets.SecretRedaction.CurrentCommandLine(),
            ServerProcessId = server.ProcessId,
            ServerStatsUrl = server.StatsUrl,
            WarmUp = output.WarmUp,
            Workers = workers,
            WorkerLauncher = WorkerCommand.Launch,
            OnNotice = line => SayOnStderr(console, line),
        };
        Task<RunResult> Run() => services.RunLoadTest(scenario, options, cancellationToken);
        var result = liveView is null ? await Run() : await liveView.ShowWhileAsync(Run);

        // Not cancellable: after an interrupt, writing what was measured is the point.
        await services.WriteRunJson(result, output.RunJsonPath, CancellationToken.None);
        Report(result, output, context);
        await ReportFiles.WriteAsync(result, output, console, announce: false);
        await monitoring.ReportsWrittenAsync(liveRun, result, ReportFiles.HtmlReportPath(output), CancellationToken.None);
        await monitoring.LingerAsync(line => SayOnStderr(console, line), cancellationToken);
        return ExitCodes.FromStatus(result.Status);
    }

    // A checkpoint firing is news as it happens; stderr keeps stdout a pure document with --output json.
    private static void SayOnStderr(CliConsole console, string line)
    {
        lock (console)
        {
            console.Error.WriteLine("wsload: " + line);
            console.Error.Flush();
        }
    }

    private static void Report(RunResult result, OutputSettings output, CliContext context)
    {
        var console = context.Console;

        // Nothing connected: all-zero tables would bury the cause, so one line on stderr says it (stdout stays
        // pure JSON with --output json, which still gets its document).
        var noConnection = NoConnectionLine.AppliesTo(result);
        if (noConnection)
        {
            console.Error.WriteLine(NoConnectionLine.Build(result, output.RunJsonPath));
            console.Error.Flush();
        }

        if (output.Format == OutputFormat.Json)
        {
            console.Out.WriteLine(JsonSummaryWriter.Build(context.Services.SerializeRunJson(result), output.RunJsonPath));
        }
        else if (noConnection)
        {
            return;
        }
        else if (output.Quiet)
        {
            console.Out.WriteLine(SummaryRenderer.VerdictLine(result, output.RunJsonPath));
        }
        else
        {
            console.Ansi.Write(SummaryRenderer.Render(result, output.RunJsonPath));
        }

        console.Out.Flush();
    }
}
