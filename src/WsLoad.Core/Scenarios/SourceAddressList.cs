using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WsLoad.Scenarios;

/// <summary>
/// Reads <c>connections.sourceAddresses</c>: each entry is one address (<c>127.0.0.2</c>, <c>::1</c>) or an inclusive
/// range of one family (<c>127.0.0.1-127.0.0.16</c>, or <c>127.0.0.1-16</c> with only the last part of an IPv4
/// address after the dash). Entries expand in the order written, so slot <c>n</c> binds the <c>n mod count</c>-th
/// address of the expansion, in the engine and in the analysis alike.
/// </summary>
public static class SourceAddressList
{
    /// <summary>The most addresses a list may expand to: far past what any machine's ports need, small enough to hold.</summary>
    public const int MaxAddresses = 65_536;

    /// <summary>Every address of <paramref name="entries"/>, in order.</summary>
    /// <exception cref="ArgumentException">An entry is not an address or a range (the validator reports it first).</exception>
    public static IPAddress[] Expand(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var addresses = new List<IPAddress>();
        foreach (var entry in entries)
        {
            if (!TryParse(entry, out var expanded, out var error))
            {
                throw new ArgumentException($"connections.sourceAddresses: {error}", nameof(entries));
            }

            addresses.AddRange(expanded);
            if (addresses.Count > MaxAddresses)
            {
                throw new ArgumentException($"connections.sourceAddresses expands to more than {MaxAddresses:N0} addresses", nameof(entries));
            }
        }

        return [.. addresses];
    }

    /// <summary>The addresses of one entry, or why it is not one; <paramref name="error"/> names the entry.</summary>
    public static bool TryParse(string entry, out IPAddress[] addresses, out string error)
    {
        ArgumentNullException.ThrowIfNull(entry);
        addresses = [];
        var text = entry.Trim();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (TryParseAddress(text, out var single))
            {
                addresses = [single];
                error = "";
                return true;
            }

            error = $"'{entry}' is not an IP address or a range; expected e.g. 127.0.0.2, ::1 or 127.0.0.1-127.0.0.16";
            return false;
        }

        var firstText = text[..dash].Trim();
        var lastText = text[(dash + 1)..].Trim();
        if (!TryParseAddress(firstText, out var first))
        {
            error = $"'{entry}': '{firstText}' is not an IP address; a range is written 127.0.0.1-127.0.0.16";
            return false;
        }

        if (!TryParseRangeEnd(first, lastText, out var last))
        {
            error = $"'{entry}': '{lastText}' is not an IP address of the same family as {first}, nor (IPv4) a last part 0-255";
            return false;
        }

        var from = ToNumber(first);
        var to = ToNumber(last);
        if (to < from)
        {
            error = $"'{entry}' runs backwards; write the lower address first ({last}-{first})";
            return false;
        }

        if (to - from >= MaxAddresses)
        {
            error = $"'{entry}' holds {to - from + 1:N0} addresses, more than {MaxAddresses:N0}";
            return false;
        }

        var count = (int)(to - from + 1);
        addresses = new IPAddress[count];
        for (var i = 0; i < count; i++)
        {
            addresses[i] = FromNumber(from + (UInt128)i, first.AddressFamily);
        }

        error = "";
        return true;
    }

    private static bool TryParseRangeEnd(IPAddress first, string text, out IPAddress last)
    {
        if (TryParseAddress(text, out var parsed) && parsed.AddressFamily == first.AddressFamily)
        {
            last = parsed;
            return true;
        }

        // 127.0.0.1-16: the end replaces the first address's last byte.
        if (first.AddressFamily == AddressFamily.InterNetwork
            && byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var lastByte))
        {
            var bytes = first.GetAddressBytes();
            bytes[^1] = lastByte;
            last = new IPAddress(bytes);
            return true;
        }

        last = first;
        return false;
    }

    // Only the full forms: IPAddress.TryParse also takes "3" (0.0.0.3) and "10.1" (10.0.0.1), which would make
    // "127.0.0.1-3" mean something else than it says.
    private static bool TryParseAddress(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        var full = text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3;
        return full && IPAddress.TryParse(text, out address);
    }

    private static UInt128 ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return bytes.Length == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static IPAddress FromNumber(UInt128 number, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var v4 = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)number);
            return new IPAddress(v4);
        }

        var v6 = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, number);
        return new IPAddress(v6);
    }
}
