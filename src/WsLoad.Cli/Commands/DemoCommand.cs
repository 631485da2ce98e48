using System.CommandLine;
using System.Globalization;
using WsLoad.Cli.Preflight;
using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload demo</c>: start the embedded server as a child process and load it: by default 10,000 connections on
/// an exponential 20 s ramp, 1 msg/s each (100-byte echoed text), held 30 s.
/// </summary>
internal static class DemoCommand
{
    public static readonly TimeSpan ServerStartTimeout = TimeSpan.FromSeconds(30);

    private const string Description =
        "Start the embedded echo server in a child process and load it, with the live view, a summary and DIR/run.json. "
        + "Defaults: 10,000 connections, exponential ramp over 20 s, 1 msg/s each (100-byte text, echoed), 30 s hold, "
        + "3 s ramp-down; thresholds connect.success > 99.9% and rtt.p99 < 500ms. Past one process's open-file limit or one "
        + "address's ephemeral ports, it starts client workers, server processes on one port and loopback source addresses "
        + "itself; the same checks as run's then judge the plan (see wsload plan).";

    public const string Examples = """
        wsload demo
        wsload demo --connections 1000 --hold 10s
        wsload demo --connections 40000 --ramp linear:40s --rate 6/m
        wsload demo --connections 20000 --workers 4
        wsload demo --dashboard --dashboard-linger 5m
        wsload demo --server-url ws://127.0.0.1:8080/ws --output json
        """;

    public static Command Create(CliContext context)
    {
        var connections = new Option<int?>("--connections", "-c") { Description = "Connections at the top of the ramp (default 10000).", CustomParser = FlagParsers.WholeNumber };
        var hold = new Option<TimeSpan?>("--hold") { Description = "How long all connections stay open (default 30s).", CustomParser = FlagParsers.Duration };
        var ramp = new Option<RampOptions?>("--ramp") { Description = "Ramp-up shape (default exponential:20s).", CustomParser = FlagParsers.Ramp };
        var rate = new Option<double?>("--rate", "-r") { Description = "Messages per connection (default 1/s).", CustomParser = FlagParsers.Rate };
        var serverUrl = new Option<Uri?>("--server-url")
        {
            Description = "Load this server instead of starting the embedded one.",
            CustomParser = FlagParsers.WebSocketUrl,
        };
        var workers = WorkerCount.Option(
            "Client worker processes: a number, or auto (the default) for the fewest whose open-file limits hold the connections.",
            WorkerCount.Auto);
        var force = new Option<bool>("--force") { Description = "Run even when the plan does not fit this machine (see wsload plan)." };
        var output = new OutputOptions();
        var command = new Command("demo", Description) { connections, hold, ramp, rate, serverUrl, workers, force };
        output.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(
                parseResult.GetValue(serverUrl),
                url => Scenario(url, parseResult.GetValue(connections), parseResult.GetValue(ramp), parseResult.GetValue(hold), parseResult.GetValue(rate)),
                parseResult.GetValue(workers),
                parseResult.GetValue(force),
                output.Read(parseResult),
                context,
                cancellationToken),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    /// <summary>The demo's scenario against <paramref name="url"/>; null arguments take the demo defaults.</summary>
    internal static Scenario Scenario(Uri url, int? connections, RampOptions? ramp, TimeSpan? hold, double? rate) => new()
    {
        Name = "demo",
        Target = new TargetOptions { Url = url },
        Connections = new ConnectionOptions
        {
            Count = connections ?? 10_000,
            Ramp = ramp ?? new RampOptions { Strategy = RampStrategy.Exponential, Duration = TimeSpan.FromSeconds(20) },
            Hold = hold ?? TimeSpan.FromSeconds(30),
            RampDown = TimeSpan.FromSeconds(3),
        },
        Messages = new MessageOptions
        {
            RatePerSecond = rate ?? 1,
            Expect = ExpectMode.Echo,
            Types = [MessageType.Default with { Size = SizeSpec.Fixed(100), Format = PayloadFormat.Text }],
        },
        Thresholds = ["connect.success > 99.9%", "rtt.p99 < 500ms"],
    };

    private static async Task<int> ExecuteAsync(
        Uri? serverUrl, Func<Uri, Scenario> scenarioFor, WorkerCount workers, bool force, OutputSettings output, CliContext context, CancellationToken cancellationToken)
    {
        var talkative = output.Format == OutputFormat.Text && !output.Quiet;
        DemoServerProcess? server = null;
        try
        {
            if (serverUrl is null)
            {
                // The server needs as many processes as its connections need open files (the client's count may differ
                // with --workers N). Judged on the demo's own plan, so the URL is never dialled.
                var shape = RunShape.Choose(scenarioFor(new Uri("ws://127.0.0.1/")), workers.Count, context.Services.ReadMachineLimits());
                var processes = shape.Plan.WorkersNeeded;
                server = await DemoServerProcess.StartAsync(ServerStartTimeout, cancellationToken,
                    ["--host", "127.0.0.1", "--port", "0", "--workers", processes.ToString(CultureInfo.InvariantCulture)]);
                serverUrl = server.Url;
                if (talkative)
                {
                    var group = processes > 1 ? $", {processes} processes on one port" : "";
                    context.Console.Out.WriteLine($"demo server (pid {server.ProcessId}{group}) listening on {serverUrl.AbsoluteUri}");
                }
            }

            // The checks every run makes: workers and source addresses chosen, then whether it fits (exit 2 if not).
            var checkedRun = await RunPreflight.CheckAsync(scenarioFor(serverUrl), workers, force, context, cancellationToken);
            if (checkedRun.ExitCode is { } stop)
            {
                return stop;
            }

            var watch = server is null ? ServerToWatch.None : ServerToWatch.WsLoadServer(server.ProcessId, server.Url);
            return await RunExecution.ExecuteAsync(checkedRun.Scenario, output, watch, context, cancellationToken, checkedRun.Workers);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
