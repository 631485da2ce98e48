using System.Buffers.Text;
using System.Text;

namespace WsLoad.Connections;

/// <summary>
/// Validates the server's answer to the upgrade (RFC 6455 4.2.2) by scanning spans: no string per header. The only
/// strings made are the chosen subprotocol (returned as the offered instance) and error messages.
/// </summary>
internal static class WsUpgradeResponse
{
    /// <summary>Index just past the blank line ending the headers, or -1 if it is not in <paramref name="buffer"/> yet.</summary>
    public static int FindHeaderEnd(ReadOnlySpan<byte> buffer)
    {
        var index = buffer.IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : index + 4;
    }

    /// <summary>
    /// Checks status 101, Upgrade, Connection and Sec-WebSocket-Accept; returns the subprotocol the server chose (or null).
    /// Throws <see cref="WsConnectException"/> (<c>upgrade-rejected</c> with the status, or <c>protocol</c>).
    /// </summary>
    public static string? Validate(ReadOnlySpan<byte> head, ReadOnlySpan<byte> key, IReadOnlyList<string> offeredSubprotocols)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        var status = ParseStatus(statusLine);
        if (status != 101)
        {
            throw new WsConnectException(
                WsFailure.UpgradeRejected, $"upgrade rejected: {Encoding.ASCII.GetString(statusLine)}", httpStatus: status);
        }

        Span<byte> expectedAccept = stackalloc byte[WsUpgrade.AcceptLength];
        WsUpgrade.ComputeAccept(key, expectedAccept);
        bool upgrade = false, connection = false, accept = false;
        string? subprotocol = null;
        var rest = head[(lineEnd + 2)..];
        while (rest.Length > 2)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim((byte)' ');
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Upgrade"u8))
            {
                upgrade = Ascii.EqualsIgnoreCase(value, "websocket"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                connection = ContainsToken(value, "upgrade"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Sec-WebSocket-Accept"u8))
            {
                accept = value.SequenceEqual(expectedAccept);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Sec-WebSocket-Protocol"u8))
            {
                subprotocol = MatchOffered(value, offeredSubprotocols);
            }
        }

        if (!upgrade || !connection || !accept)
        {
            var missing = !accept ? "a valid Sec-WebSocket-Accept" : !upgrade ? "Upgrade: websocket" : "Connection: Upgrade";
            throw new WsConnectException(WsFailure.Protocol, $"101 response without {missing}");
        }

        return subprotocol;
    }

    private static int ParseStatus(ReadOnlySpan<byte> statusLine)
    {
        // "HTTP/1.1 101 Switching Protocols"
        var space = statusLine.IndexOf((byte)' ');
        if (!statusLine.StartsWith("HTTP/"u8) || space < 0 || statusLine.Length < space + 4
            || !Utf8Parser.TryParse(statusLine.Slice(space + 1, 3), out int status, out var consumed) || consumed != 3)
        {
            throw new WsConnectException(
                WsFailure.Protocol, $"not an HTTP response: '{Encoding.ASCII.GetString(statusLine[..Math.Min(statusLine.Length, 80)])}'");
        }

        return status;
    }

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }

    private static string MatchOffered(ReadOnlySpan<byte> value, IReadOnlyList<string> offered)
    {
        foreach (var protocol in offered)
        {
            if (Ascii.Equals(value, protocol))
            {
                return protocol;
            }
        }

        throw new WsConnectException(
            WsFailure.Protocol, $"server chose subprotocol '{Encoding.ASCII.GetString(value)}' that was not offered");
    }
}
