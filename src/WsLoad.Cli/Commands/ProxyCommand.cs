using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using WsLoad.Network;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload proxy</c>: a TCP chaos proxy between clients and a server until SIGINT/SIGTERM. The first stdout line is
/// always <c>proxying HOST:PORT -> HOST:PORT</c>, flushed, so a parent process can read the port.
/// </summary>
internal static class ProxyCommand
{
    private const string Description =
        "Forward TCP connections to an upstream server through network faults (toxics): latency with jitter, a bandwidth "
        + "limit, loss (stalled chunks, dropped connections), connection resets, slow close, a partition. Bytes pass "
        + "untouched (ws:// and wss:// alike). Runs until Ctrl+C or SIGTERM. The first stdout line is "
        + "\"proxying HOST:PORT -> HOST:PORT\"; with port 0 the OS picks the port. --verbose also logs resets and the partition.";

    public const string Examples = """
        wsload proxy --listen 127.0.0.1:9000 --upstream 127.0.0.1:8080 --latency 50ms --jitter 5ms
        wsload proxy --listen 127.0.0.1:9000 --upstream 127.0.0.1:8080 --bandwidth 1mb --direction down
        wsload proxy --listen 127.0.0.1:9000 --upstream 127.0.0.1:8080 --loss 1% --loss-stall 200ms
        wsload proxy --listen 127.0.0.1:9000 --upstream 127.0.0.1:8080 --reset-every 30s
        wsload proxy --listen 127.0.0.1:9000 --upstream 127.0.0.1:8080 --partition-at 30s --partition-for 10s
        wsload proxy --listen 127.0.0.1:0 --upstream example.com:443 --latency 100ms --slow-close 2s
        """;

    public static Command Create(CliContext context)
    {
        var flags = new ProxyFlagOptions();
        var command = new Command("proxy", Description);
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(flags, parseResult, context, parseResult.GetValue(context.Verbose), cancellationToken),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(ProxyFlagOptions flags, ParseResult parseResult, CliContext context, bool verbose, CancellationToken cancellationToken)
    {
        var toxics = flags.ReadToxics(parseResult);
        var listen = await ResolveAsync(parseResult.GetValue(flags.Listen) ?? ("127.0.0.1", 0), "--listen", cancellationToken);
        var upstream = await ResolveAsync(parseResult.GetRequiredValue(flags.Upstream), "--upstream", cancellationToken);
        ChaosProxy proxy;
        try
        {
            proxy = ChaosProxy.Start(listen, upstream);
        }
        catch (SocketException exception)
        {
            throw new CliException($"cannot listen on {listen}: {exception.Message}", ExitCodes.UsageError);
        }

        await using (proxy)
        {
            var output = context.Console.Out;
            output.WriteLine($"proxying {proxy.LocalEndPoint} -> {upstream}");
            output.Flush();
            var log = new Lock();
            void Say(string line)
            {
                lock (log)
                {
                    output.WriteLine(line);
                    output.Flush();
                }
            }

            if (verbose)
            {
                proxy.ConnectionsReset = (toxic, count) => Say($"{toxic.Kind}: reset {count} connection(s)");
            }

            using var schedule = ToxicSchedule.Start(
                toxics,
                TimeProvider.System,
                TimeProvider.System.GetTimestamp(),
                toxic =>
                {
                    proxy.AddToxic(toxic.Name, toxic.Toxic);
                    Say($"{toxic.Toxic.Kind} on: {toxic.Describe()}");
                },
                toxic =>
                {
                    proxy.RemoveToxic(toxic.Name);
                    Say($"{toxic.Toxic.Kind} off");
                });
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping is the expected end.
            }
        }

        return ExitCodes.Passed;
    }

    private static async Task<IPEndPoint> ResolveAsync((string Host, int Port) endpoint, string flag, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(endpoint.Host, out var literal))
        {
            return new IPEndPoint(literal, endpoint.Port);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return address is not null
                ? new IPEndPoint(address, endpoint.Port)
                : throw new CliException($"{flag}: no address for '{endpoint.Host}'", ExitCodes.UsageError);
        }
        catch (SocketException exception)
        {
            throw new CliException($"{flag}: cannot resolve '{endpoint.Host}': {exception.Message}", ExitCodes.UsageError);
        }
    }
}
