using System.CommandLine;
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
        + "address's ephemeral ports, it starts client workers, server processes on one port and loopback source addresses itself.";

    public const string Examples = """
        wsload demo
        wsload demo --connections 1000 --hold 10s
        wsload demo --connections 40000 --ramp linear:40s --rate 6/m
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
        var output = new OutputOptions();
        var command = new Command("demo", Description) { connections, hold, ramp, rate, serverUrl };
        output.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(
                parseResult.GetValue(serverUrl),
                url => Scenario(url, parseResult.GetValue(connections), parseResult.GetValue(ramp), parseResult.GetValue(hold), parseResult.GetValue(rate)),
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
        Uri? serverUrl, Func<Uri, Scenario> scenarioFor, OutputSettings output, CliContext context, CancellationToken cancellationToken)
    {
        var talkative = output.Format == OutputFormat.Text && !output.Quiet;
        DemoServerProcess? server = null;
        try
        {
            // The scale is judged on the demo's own plan, so the probe URL is never dialled.
            var count = scenarioFor(new Uri("ws://127.0.0.1/")).Connections.Count;
            var environment = Engine.EnvironmentInfo.Capture("");
            var scale = DemoScale.For(count, environment.OpenFileLimit, DemoScale.PortsPerAddress(environment.EphemeralPortRange));
            if (serverUrl is null)
            {
                server = await DemoServerProcess.StartAsync(ServerStartTimeout, cancellationToken,
                    ["--host", "127.0.0.1", "--port", "0", "--workers", scale.Processes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                serverUrl = server.Url;
                if (talkative)
                {
                    context.Console.Out.WriteLine($"demo server (pid {server.ProcessId}) listening on {serverUrl.AbsoluteUri}");
                }
            }

            if (talkative && (scale.Processes > 1 || scale.SourceAddresses.Count > 0))
            {
                var servers = server is null ? "" : $", {scale.Processes} server processes on one port";
                var sources = scale.SourceAddresses.Count > 0 ? ", source addresses " + scale.SourceAddresses[0] : "";
                context.Console.Out.WriteLine($"{count:N0} connections pass one process's open-file limit ({environment.OpenFileLimit:N0}) or one "
                    + $"address's ephemeral ports: {scale.Processes} client workers{servers}{sources}");
            }

            var scenario = scenarioFor(serverUrl);
            scenario = scenario with { Connections = scenario.Connections with { SourceAddresses = scale.SourceAddresses } };
            var watch = server is null ? ServerToWatch.None : ServerToWatch.WsLoadServer(server.ProcessId, server.Url);
            return await RunExecution.ExecuteAsync(scenario, output, watch, context, cancellationToken, scale.Processes);
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
