using System.Net;
using System.Net.Sockets;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>
/// Before a run: every source address must be one this machine can bind. Otherwise each connection bound to it would
/// fail at its connect, and the run would measure the generator's configuration as the target's failures.
/// </summary>
internal static class SourceAddressBindCheck
{
    /// <summary>An error for each <c>connections.sourceAddresses</c> entry with an address that cannot be bound.</summary>
    public static IReadOnlyList<ScenarioError> Check(IReadOnlyList<string> entries)
    {
        var errors = new List<ScenarioError>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (!SourceAddressList.TryParse(entries[i], out var addresses, out _))
            {
                continue; // the validator has said why
            }

            var failed = 0;
            (IPAddress Address, string Why)? first = null;
            foreach (var address in addresses)
            {
                if (TryBind(address) is { } why)
                {
                    failed++;
                    first ??= (address, why);
                }
            }

            if (first is { } example)
            {
                var which = addresses.Length == 1
                    ? $"{example.Address} cannot be bound on this machine ({example.Why})"
                    : $"{failed:N0} of its {addresses.Length:N0} addresses cannot be bound on this machine (first {example.Address}: {example.Why})";
                errors.Add(new ScenarioError
                {
                    Field = $"connections.sourceAddresses[{i}]",
                    Message = $"{which}. A source address must be assigned to one of its "
                        + "interfaces (on Linux all of 127.0.0.0/8 already is, on lo); add it, e.g. "
                        + $"'ip addr add {example.Address}/{(example.Address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)} dev lo', or remove it",
                });
            }
        }

        return errors;
    }

    // Port 0: any free port, released at once; only whether the address is local is being asked.
    private static string? TryBind(IPAddress address)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, 0));
            return null;
        }
        catch (SocketException exception)
        {
            return exception.Message;
        }
    }
}
