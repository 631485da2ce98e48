using System.CommandLine;
using System.Globalization;
using WsLoad.Cli.Console;
using WsLoad.Engine;
using WsLoad.Reporting.Suite;
using WsLoad.Scenarios;
using WsLoad.Sinks;
using WsLoad.Suites;

namespace WsLoad.Cli.Commands;

/// <summary><c>wsload suite SUITE_FILE</c>: run a suite of scenarios with checks, cleanup and one verdict.</summary>
internal static class SuiteCommand
{
    private const string Description =
        "Run a suite: scenarios in order (parallel groups together when they fit), environment checks before and after "
        + "each, cleanup steps that always run (also after Ctrl+C), and one verdict, GO, NO-GO or INCONCLUSIVE. Writes "
        + "DIR/suite.json, suite.html, suite.md and junit.xml, and a folder per scenario with its run.json and reports. "
        + "Exit 0 GO, 1 NO-GO, 2 a bad suite file (nothing run), 3 INCONCLUSIVE or interrupted (as wsload analyze). "
        + "The format: examples/suites/README.md.";

    public const string Examples = """
        wsload suite examples/suites/readiness.yaml
        wsload suite --template readiness --url ws://127.0.0.1:8080/ws
        wsload suite my-suite.yaml --var url=ws://staging.internal:8080/ws --out results/staging
        wsload suite --template readiness --dashboard --webhook teams=env:TEAMS_WEBHOOK_URL
        wsload validate my-suite.yaml
        wsload report results/staging/suite.json
        """;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string?>("SUITE_FILE") { Description = "The suite file (.yaml, .yml or .json); or --template NAME.", Arity = ArgumentArity.ZeroOrOne };
        var template = new Option<string?>("--template")
        {
            Description = $"Run a suite built into wsload instead of a file ({string.Join(", ", SuiteTemplates.Names)}); its files are written into DIR/template/ first.",
            HelpName = "NAME",
        };
        var url = new Option<string?>("--url")
        {
            Description = "Run against this ws:// or wss:// URL instead of starting embedded servers: it is ${url}, and scenarios that need the embedded server's faults are not run (the report says why).",
        };
        var variables = new Option<string[]>("--var")
        {
            Description = "Set a suite variable, NAME=VALUE (repeatable); it overrides the file's variables: and is ${NAME} in the scenarios.",
            AllowMultipleArgumentsPerToken = false,
            HelpName = "NAME=VALUE",
        };
        var serverPid = new Option<int?>("--server-pid") { Description = "With --url, the target server's process id when it runs on this machine: sampled in every run, and what server-resources checks read." };
        var output = new OutputOptions();
        var command = new Command("suite", Description) { file, template, url, variables, serverPid };
        output.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(
                parseResult.GetValue(file),
                parseResult.GetValue(template),
                parseResult.GetValue(url),
                parseResult.GetValue(variables) ?? [],
                parseResult.GetValue(serverPid),
                output.Read(parseResult),
                parseResult.GetResult(output.Out) is { Implicit: false },
                context,
                cancellationToken),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        string? file, string? template, string? urlText, string[] variableTexts, int? serverPid, OutputSettings output, bool outGiven, CliContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        if ((file is null) == (template is null))
        {
            throw new CliException("give a suite file, or --template NAME (e.g. wsload suite --template readiness --url ws://…), not both", ExitCodes.UsageError);
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in variableTexts)
        {
            var cut = text.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
            {
                throw new CliException($"--var '{text}' is not NAME=VALUE (e.g. --var count=1000)", ExitCodes.UsageError);
            }

            variables[text[..cut]] = text[(cut + 1)..];
        }

        Uri? target = null;
        if (urlText is not null)
        {
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out target) || target.Scheme is not ("ws" or "wss"))
            {
                throw new CliException($"--url '{urlText}' is not a ws:// or wss:// URL", ExitCodes.UsageError);
            }

            variables["url"] = target.ToString();
        }

        var name = file is null ? template! : Path.GetFileNameWithoutExtension(file);
        var outDirectory = outGiven ? output.OutDirectory : Path.Combine(output.OutDirectory, "suite-" + name);
        var path = file ?? SuiteTemplates.Extract(template!, Path.Combine(outDirectory, "template"));
        var suite = SuiteLoader.LoadFile(path, variables);
        var talkative = output.Format == OutputFormat.Text && !output.Quiet;
        if (talkative)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"suite {suite.Name}: {suite.Scenarios.Count()} scenarios, results in {outDirectory}"));
        }

        await using var monitoring = await LiveMonitoring.StartAsync(output.Monitoring, line => Say(console, line), cancellationToken);
        LiveRun? current = null; // scenarios run one after another here, so the last started is the one written next
        var options = new SuiteOptions
        {
            OutDirectory = outDirectory,
            TargetUrl = target,
            ServerProcessId = serverPid,
            StartServer = SuiteServerProcess.StartAsync,
            RunOptions = (scenario, _) => new LoadTestOptions
            {
                Sinks = SinksFor(scenario),
                CommandLine = Secrets.SecretRedaction.CurrentCommandLine(),
                WarmUp = output.WarmUp,
                WorkerLauncher = WorkerCommand.Launch,
                OnNotice = line => Say(console, line),
            },
            OnScenarioWritten = async (result, directory) =>
            {
                var written = output with { OutDirectory = directory, Quiet = true };
                await ReportFiles.WriteAsync(result, written, console, announce: false);
                if (current is not null)
                {
                    await monitoring.ReportsWrittenAsync(current, result, ReportFiles.HtmlReportPath(written), CancellationToken.None);
                }
            },
            OnProgress = talkative ? line => Say(console, line) : null,
        };

        var suiteResult = await TestSuite.RunAsync(suite, options, cancellationToken);
        await monitoring.LingerAsync(line => Say(console, line), cancellationToken);
        var written = await SuiteReports.WriteAsync(suiteResult, outDirectory, CancellationToken.None);
        if (output.Format == OutputFormat.Json)
        {
            console.Out.WriteLine(SuiteResultJson.Serialize(suiteResult));
        }
        else
        {
            foreach (var line in output.Quiet ? suiteResult.Summary.Take(1) : suiteResult.Summary)
            {
                console.Out.WriteLine(line);
            }

            if (!output.Quiet)
            {
                console.Out.WriteLine($"suite report: {written[0]} (also {string.Join(", ", written.Skip(1).Select(Path.GetFileName))}, suite.json)");
            }
        }

        return suiteResult.Verdict switch
        {
            SuiteVerdict.Go when !suiteResult.Interrupted => ExitCodes.Passed,
            SuiteVerdict.NoGo when !suiteResult.Interrupted => ExitCodes.ThresholdsFailed,
            _ => ExitCodes.Interrupted, // INCONCLUSIVE, or interrupted: 3, as wsload analyze says INCONCLUSIVE
        };

        IReadOnlyList<IRunSink> SinksFor(Scenario scenario)
        {
            var peak = Planning.ConnectionPlan.Create(scenario.Connections).End;
            current = new LiveRun(scenario.Name, scenario);
            return [.. talkative ? new IRunSink[] { new LiveView(console, peak) } : [], .. monitoring.SinksFor(current)];
        }
    }

    private static void Say(CliConsole console, string line)
    {
        lock (console)
        {
            console.Error.WriteLine("wsload: " + line);
            console.Error.Flush();
        }
    }
}
