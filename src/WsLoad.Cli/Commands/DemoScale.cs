using System.Globalization;

namespace WsLoad.Cli.Commands;

/// <summary>
/// How many processes and source addresses the demo needs for its connection count on this machine: one process holds
/// its open-file limit's worth of sockets less room for the runtime, and one source address has the ephemeral port
/// range's worth of ports toward the demo server's one address and port. Past either, the demo splits its load: client
/// workers, server processes on one port, loopback source addresses.
/// </summary>
internal sealed record DemoScale(int Processes, IReadOnlyList<string> SourceAddresses)
{
    /// <summary>Files a process keeps for the runtime, its libraries and its own use, besides its sockets.</summary>
    public const int ReservedFiles = 1_000;

    public static DemoScale For(int connections, long? openFileLimit, int? portsPerAddress)
    {
        var perProcess = Math.Max(1_000, (openFileLimit ?? 20_000) - ReservedFiles);
        var processes = (int)Math.Ceiling(connections / (double)perProcess);

        // 10% of the range kept for TIME_WAIT and other programs' connections.
        var perAddress = Math.Max(1_000, (int)((portsPerAddress ?? 28_000) * 0.9));
        var addresses = (int)Math.Ceiling(connections / (double)perAddress);
        return new DemoScale(Math.Max(1, processes), addresses <= 1 ? [] : [string.Create(CultureInfo.InvariantCulture, $"127.0.0.1-127.0.0.{addresses}")]);
    }

    /// <summary>The ports of one source address toward one destination, from /proc/sys/net/ipv4/ip_local_port_range.</summary>
    public static int? PortsPerAddress(string? range) =>
        range?.Split('-', StringSplitOptions.TrimEntries) is [var low, var high]
        && int.TryParse(low, CultureInfo.InvariantCulture, out var from) && int.TryParse(high, CultureInfo.InvariantCulture, out var to) && to >= from
            ? to - from + 1
            : null;
}
