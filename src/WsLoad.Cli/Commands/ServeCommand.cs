using System.CommandLine;
using WsLoad.Server;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload serve</c>: run the embedded target server until SIGINT/SIGTERM. The first stdout line is always
/// <c>listening ws://HOST:PORT/PATH</c> (or <c>wss://</c>), flushed, so a parent process can read the port.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The hidden flag <c>demo</c> starts its child with; see <see cref="RunUntilStoppedAsync"/>.</summary>
    public const string OwnedByParentFlag = "--owned-by-parent";

    private const string Description =
        "Run the embedded WebSocket target server (echo, broadcast, push or ack) until Ctrl+C or SIGTERM, optionally over TLS "
        + "and misbehaving on request (fault flags). The first stdout line is \"listening ws://HOST:PORT/PATH\" "
        + "(wss:// with --tls-cert); with --port 0 the OS picks the port. --verbose also logs server events. "
        + "The fault plan can be read, replaced and cleared while it runs: GET, PUT and DELETE /admin/faults (JSON). "
        + "GET /stats serves the counters as JSON; in broadcast mode \"channels\" has each ?channel='s subscribers, published, "
        + "delivered, dropped and droppedByFault (key \"\" for the clients without a channel). "
        + "GET /metrics serves Prometheus metrics: the process's CPU, memory and open files (process_cpu_seconds_total, process_resident_memory_bytes, process_open_fds, …) "
        + "and its counters (wsload_server_connections_open, wsload_server_messages_received_total, …); with --workers each process "
        + "answers /metrics for itself alone (whichever accepts the scrape's connection), while /stats adds them all up.";

    public const string Examples = """
        wsload serve
        wsload serve --port 8080 --mode broadcast
        wsload serve --host 0.0.0.0 --port 9000 --path /socket
        wsload serve --mode push --push-rate 10/s --push-size 1kb
        wsload serve --mode push --push-rate 50/s --push-skip-every 10
        wsload serve --mode broadcast --drop-every 5
        wsload serve --mode ack --drop-every 10
        wsload serve --refuse-upgrades 503 --refuse-after 100
        wsload serve --close-after-messages 50 --close-code 1011 --close-reason "overloaded"
        wsload serve --close-all-after 30s --close-code 1001
        wsload serve --abort-after-messages 20
        wsload serve --reply-delay 25ms
        wsload serve --reply-delay 10ms-40ms --drop-every 50
        wsload serve --stall-at 5s --stall-for 1s
        wsload serve --corrupt-every 100 --drop-every 50 --duplicate-every 200
        wsload serve --reply-delay normal:50ms/10ms --corrupt-percent 1 --fault-seed 42
        wsload serve --reply-delay exp:20ms
        wsload serve --refuse-percent 10 --refuse-upgrades 429
        wsload serve --close-percent 20 --close-code 4000
        wsload serve --accept-delay 100ms-300ms
        wsload serve --cpu-per-message 2ms
        wsload serve --cpu-per-message 500us
        wsload serve --port 8080 --workers 4
        wsload serve --tls-cert server.pfx --tls-password secret
        wsload serve --tls-cert cert.pem --tls-key key.pem --tls-client-ca ca.pem
        """;

    public static Command Create(CliContext context)
    {
        var flags = new ServeFlagOptions();
        var ownedByParent = new Option<bool>(OwnedByParentFlag)
        {
            Description = "Stop when stdin closes and ignore Ctrl+C (the parent process decides when to stop).",
            Hidden = true,
        };
        var group = new ServeGroupOptions();
        var command = new Command("serve", Description);
        flags.AddTo(command);
        command.Options.Add(ownedByParent);
        group.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(
                flags.Read(parseResult, parseResult.GetValue(context.Verbose)),
                group.Read(parseResult),
                parseResult.GetValue(ownedByParent),
                context,
                cancellationToken),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ServeFlags flags, ServeGroup group, bool ownedByParent, CliContext context, CancellationToken cancellationToken)
    {
        if (group.Workers is < 1 or > 64)
        {
            throw new CliException($"--workers {group.Workers}: give 1 to 64 server processes", ExitCodes.UsageError);
        }

        var options = group.Apply(TargetServerOptionsFromFlags.Map(flags));
        using var certificate = options.Certificate;
        using var clientCa = options.ClientCertificateAuthority;
        TargetServer server;
        try
        {
            server = await TargetServer.StartAsync(options, cancellationToken);
        }
        catch (IOException exception)
        {
            throw new CliException($"cannot listen on {options.Host}:{options.Port}: {exception.Message}", ExitCodes.UsageError);
        }

        await using (server)
        {
            // The rest of the group first: a client that reads "listening" may connect at once, to any process.
            await using var others = await ServeGroup.StartOthersAsync(group, server, cancellationToken);
            context.Console.Out.WriteLine($"listening {server.WebSocketUrl.AbsoluteUri}");
            if (others.ProcessIds.Count > 0)
            {
                context.Console.Out.WriteLine($"{others.ProcessIds.Count + 1} processes share the port (SO_REUSEPORT): {Environment.ProcessId}, "
                    + $"{string.Join(", ", others.ProcessIds)}; /stats adds up all of them, /metrics is the answering process's alone");
            }

            context.Console.Out.Flush();
            await RunUntilStoppedAsync(ownedByParent, cancellationToken);
        }

        return ExitCodes.Passed;
    }

    /// <summary>
    /// Standalone: until the shutdown token fires. Owned by a parent (demo): until stdin closes, so the server never
    /// outlives its parent, and a Ctrl+C meant for the parent (the terminal signals the whole process group) does not
    /// stop it in the middle of the parent's graceful close.
    /// </summary>
    private static async Task RunUntilStoppedAsync(bool ownedByParent, CancellationToken cancellationToken)
    {
        if (ownedByParent)
        {
            await Task.Run(WaitForStdinToClose, CancellationToken.None);
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected end.
        }
    }

    private static void WaitForStdinToClose()
    {
        using var stdin = System.Console.OpenStandardInput();
        var buffer = new byte[256];
        while (stdin.Read(buffer) > 0)
        {
        }
    }
}
