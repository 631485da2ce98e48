using System.Globalization;
using System.Net;

namespace WsLoad.Sinks;

/// <summary>
/// The address a monitoring endpoint listens on, as the flags write it: <c>HOST:PORT</c>, <c>[IPv6]:PORT</c>,
/// <c>:PORT</c> or <c>PORT</c> (loopback), or <c>HOST</c> (the default port). Only IP addresses and
/// <c>localhost</c>: a name that resolves elsewhere must not decide what is exposed.
/// </summary>
public static class ListenAddress
{
    /// <summary>The forms, for error messages.</summary>
    public const string Forms = "127.0.0.1:5665, :5665, 5665, [::1]:5665 or 0.0.0.0:5665 (with --allow-remote-monitoring)";

    public static bool TryParse(string? text, int defaultPort, out IPEndPoint endpoint)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, defaultPort);
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var portOnly))
        {
            return TryPort(portOnly, IPAddress.Loopback, out endpoint);
        }

        string host;
        var port = defaultPort;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0 && (!rest.StartsWith(':') || !int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out port)))
            {
                return false;
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                host = text; // a bare IPv6 address
            }
            else if (colon >= 0)
            {
                host = text[..colon];
                if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port))
                {
                    return false;
                }
            }
            else
            {
                host = text;
            }
        }

        IPAddress? address;
        if (host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address))
        {
            return false;
        }

        return TryPort(port, address, out endpoint);
    }

    /// <summary>
    /// Refuses an address other than loopback unless <paramref name="allowRemote"/>; when allowed, says it is exposed.
    /// </summary>
    /// <exception cref="LiveMonitoringException">A non-loopback address without the flag.</exception>
    public static void Check(IPEndPoint endpoint, string flag, bool allowRemote, Action<string> say)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(say);
        if (IPAddress.IsLoopback(endpoint.Address))
        {
            return;
        }

        if (!allowRemote)
        {
            throw new LiveMonitoringException(
                $"{flag} {Format(endpoint)} is not a loopback address: the run's figures would be served to the network. "
                + $"Add --allow-remote-monitoring to mean it, or use 127.0.0.1:{endpoint.Port}");
        }

        say($"warning: {flag} listens on {Format(endpoint)}, not loopback: anyone who can reach this machine can read it");
    }

    /// <summary>An endpoint as a URL's authority: <c>127.0.0.1:5665</c>, <c>[::1]:5665</c>.</summary>
    public static string Format(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{endpoint.Address}]:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{endpoint.Address}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static bool TryPort(int port, IPAddress address, out IPEndPoint endpoint)
    {
        endpoint = new IPEndPoint(address, Math.Clamp(port, 0, 65535));
        return port is >= 0 and <= 65535;
    }
}
