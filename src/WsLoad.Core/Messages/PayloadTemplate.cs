using System.Text;

namespace WsLoad.Messages;

/// <summary>
/// A message template split once, at load time, into literal UTF-8 pieces and placeholders, so that writing a
/// message is copying bytes and formatting a few numbers.
/// </summary>
internal sealed class PayloadTemplate
{
    /// <summary>The placeholders a template may use.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["connectionId", "sequence", "timestamp", "random", "stamp"];

    private readonly Part[] _parts;

    private PayloadTemplate(Part[] parts, int literalBytes)
    {
        _parts = parts;
        LiteralBytes = literalBytes;
    }

    /// <summary>Bytes of literal text; the whole message is at most this plus 20 per number placeholder plus the stamp.</summary>
    public int LiteralBytes { get; }

    public int MaxLength => LiteralBytes + (_parts.Length * StampCodec.TextLength);

    public static PayloadTemplate Compile(string template)
    {
        var parts = new List<Part>();
        var literal = 0;
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            var end = open < 0 || close < 0 ? template.Length : open;
            if (end > position)
            {
                var bytes = Encoding.UTF8.GetBytes(template[position..end]);
                parts.Add(new Part(PlaceholderKind.Literal, bytes));
                literal += bytes.Length;
            }

            if (end == template.Length)
            {
                break;
            }

            var name = template[(open + 2)..close].Trim();
            var kind = name switch
            {
                "connectionId" => PlaceholderKind.ConnectionId,
                "sequence" => PlaceholderKind.Sequence,
                "timestamp" => PlaceholderKind.Timestamp,
                "random" => PlaceholderKind.Random,
                "stamp" => PlaceholderKind.Stamp,
                _ => throw new FormatException($"unknown placeholder '{{{{{name}}}}}'; allowed: {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))}"),
            };
            parts.Add(new Part(kind, []));
            position = close + 2;
        }

        return new PayloadTemplate([.. parts], literal);
    }

    /// <summary>Writes the message into <paramref name="destination"/>; returns its length and where the stamp is (-1: none).</summary>
    public int Write(Span<byte> destination, in MessageStamp stamp, long unixMillis, uint random, out int stampOffset)
    {
        stampOffset = -1;
        var written = 0;
        foreach (var part in _parts)
        {
            var target = destination[written..];
            int length;
            switch (part.Kind)
            {
                case PlaceholderKind.Literal:
                    part.Bytes.CopyTo(target);
                    length = part.Bytes.Length;
                    break;
                case PlaceholderKind.ConnectionId:
                    stamp.ConnectionId.TryFormat(target, out length, default, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case PlaceholderKind.Sequence:
                    stamp.Sequence.TryFormat(target, out length, default, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case PlaceholderKind.Timestamp:
                    unixMillis.TryFormat(target, out length, default, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case PlaceholderKind.Random:
                    random.TryFormat(target, out length, default, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    StampCodec.WriteText(target, stamp);
                    stampOffset = written;
                    length = StampCodec.TextLength;
                    break;
            }

            written += length;
        }

        return written;
    }

    private enum PlaceholderKind
    {
        Literal,
        ConnectionId,
        Sequence,
        Timestamp,
        Random,
        Stamp,
    }

    private readonly record struct Part(PlaceholderKind Kind, byte[] Bytes);
}
