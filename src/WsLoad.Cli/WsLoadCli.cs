using System.CommandLine;
using System.CommandLine.Invocation;
using WsLoad.Cli.Commands;

namespace WsLoad.Cli;

/// <summary>The <c>wsload</c> command tree and its invocation: parse errors exit 2, commands map their own outcomes.</summary>
internal static class WsLoadCli
{
    private const string Description = $"""
        wsload: WebSocket load, stress and failure testing. Run 'wsload COMMAND --help' for a command's options and examples.
        {ExitCodes.HelpText}
        """;

    private const string Examples = """
        wsload demo
        wsload run --url ws://127.0.0.1:8080/ws -c 1000 --ramp exponential:20s --hold 60s --rate 1/s
        wsload run scenario.yaml --threshold "rtt.p99 < 200ms" --output json
        wsload validate scenario.yaml
        wsload report wsload-results/run.json --format pdf,junit
        wsload serve --port 8080 --mode echo
        """;

    public static RootCommand BuildRoot(CliConsole console, CliServices services)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show stack traces of unexpected errors.", Recursive = true };
        var context = new CliContext(console, services, verbose);
        var run = RunCommand.Create(context);
        var demo = DemoCommand.Create(context);
        var serve = ServeCommand.Create(context);
        var validate = ValidateCommand.Create(context);
        var report = ReportCommand.Create(context);
        var compare = CompareCommand.Create(context);
        var proxy = ProxyCommand.Create(context);
        var analyze = AnalyzeCommand.Create(context);
        var worker = WorkerCommand.Create(context);
        var plan = PlanCommand.Create(context);
        var suite = SuiteCommand.Create(context);
        var root = new RootCommand(Description) { run, demo, suite, plan, serve, validate, report, analyze, compare, proxy, worker };
        root.Options.Add(verbose);
        HelpWithExamples.Install(root, new Dictionary<Command, string>
        {
            [run] = RunCommand.Examples,
            [demo] = DemoCommand.Examples,
            [suite] = SuiteCommand.Examples,
            [plan] = PlanCommand.Examples,
            [serve] = ServeCommand.Examples,
            [validate] = ValidateCommand.Examples,
            [report] = ReportCommand.Examples,
            [analyze] = AnalyzeCommand.Examples,
            [compare] = CompareCommand.Examples,
            [proxy] = ProxyCommand.Examples,
            [root] = Examples,
        });
        return root;
    }

    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, CliConsole console, CliServices services, CancellationToken shutdown)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            return await ParseAndInvokeAsync(args, console, services, shutdown);
        }
        catch (Exception exception)
        {
            // Commands guard themselves; this catches failures while parsing (a value parser that throws).
            return ErrorReporting.Report(exception, console, args.Contains("--verbose"), shutdown);
        }
    }

    private static async Task<int> ParseAndInvokeAsync(IReadOnlyList<string> args, CliConsole console, CliServices services, CancellationToken shutdown)
    {
        var parseResult = BuildRoot(console, services).Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                console.Error.WriteLine($"wsload: {error.Message}");
            }

            console.Error.WriteLine("Run 'wsload --help' or 'wsload COMMAND --help' for usage.");
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,

            // ShutdownSignals owns SIGINT/SIGTERM: a graceful first signal and a forced second one.
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(configuration, shutdown);
    }
}
