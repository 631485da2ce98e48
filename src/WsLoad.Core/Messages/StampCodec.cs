using System.Buffers.Binary;
using System.Buffers.Text;
using System.IO.Hashing;

namespace WsLoad.Messages;

/// <summary>
/// Encodes and finds message stamps. Binary messages start with a 38-byte header:
/// <c>"WSL1" | connection id (4) | sequence (8) | intended ts (8) | sent ts (8) | type (2) | checksum (4)</c>, little
/// endian. Text messages carry the same 38 bytes as a token <c>~w1</c> + 51 base64url characters, anywhere in the text
/// (a JSON field for generated payloads, the <c>{{stamp}}</c> placeholder in templates).
/// The checksum is XxHash32 over the first 34 stamp bytes, then the message before the stamp, then the message after
/// it, so any changed byte outside the checksum itself is detected.
/// </summary>
internal static class StampCodec
{
    public const int BinaryLength = 38;
    public const int TextLength = 54;
    private const int FieldsLength = 34;
    private const int Base64Length = 51;

    private static ReadOnlySpan<byte> BinaryMagic => "WSL1"u8;

    private static ReadOnlySpan<byte> TextMarker => "~w1"u8;

    /// <summary>Writes the stamp's 38 bytes with a zero checksum; call <see cref="Seal"/> once the whole message is written.</summary>
    public static void WriteBinary(Span<byte> destination, in MessageStamp stamp, uint checksum = 0)
    {
        BinaryMagic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], stamp.ConnectionId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], stamp.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], stamp.IntendedTimestamp);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], stamp.SentTimestamp);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], stamp.TypeIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[34..], checksum);
    }

    /// <summary>Writes the 54-character text token with a zero checksum.</summary>
    public static void WriteText(Span<byte> destination, in MessageStamp stamp, uint checksum = 0)
    {
        Span<byte> raw = stackalloc byte[BinaryLength];
        WriteBinary(raw, stamp, checksum);
        TextMarker.CopyTo(destination);
        Base64Url.EncodeToUtf8(raw, destination[TextMarker.Length..], out _, out _);
    }

    /// <summary>
    /// Computes the checksum of <paramref name="message"/> whose stamp starts at <paramref name="stampOffset"/> and
    /// writes it into the stamp, in the stamp's own form.
    /// </summary>
    public static void Seal(Span<byte> message, int stampOffset, bool isText, in MessageStamp stamp)
    {
        var length = isText ? TextLength : BinaryLength;
        Span<byte> raw = stackalloc byte[BinaryLength];
        WriteBinary(raw, stamp);
        var checksum = Checksum(raw[..FieldsLength], message[..stampOffset], message[(stampOffset + length)..]);
        if (isText)
        {
            WriteText(message[stampOffset..], stamp, checksum);
        }
        else
        {
            WriteBinary(message[stampOffset..], stamp, checksum);
        }
    }

    /// <summary>
    /// Finds and decodes the stamp in a received message. Returns false when there is none (not one of ours);
    /// <paramref name="intact"/> tells whether the checksum matched.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out MessageStamp stamp, out bool intact)
    {
        stamp = default;
        intact = false;
        Span<byte> raw = stackalloc byte[BinaryLength];
        int offset;
        int length;
        if (message.Length >= BinaryLength && message.StartsWith(BinaryMagic))
        {
            message[..BinaryLength].CopyTo(raw);
            offset = 0;
            length = BinaryLength;
        }
        else
        {
            offset = message.IndexOf(TextMarker);
            if (offset < 0 || message.Length - offset < TextLength)
            {
                return false;
            }

            var encoded = message.Slice(offset + TextMarker.Length, Base64Length);
            if (Base64Url.DecodeFromUtf8(encoded, raw, out _, out var written) != System.Buffers.OperationStatus.Done
                || written != BinaryLength || !raw.StartsWith(BinaryMagic))
            {
                return false;
            }

            length = TextLength;
        }

        stamp = new MessageStamp(
            BinaryPrimitives.ReadInt32LittleEndian(raw[4..]),
            BinaryPrimitives.ReadInt64LittleEndian(raw[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(raw[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(raw[24..]),
            BinaryPrimitives.ReadUInt16LittleEndian(raw[32..]));
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(raw[34..]);
        intact = expected == Checksum(raw[..FieldsLength], message[..offset], message[(offset + length)..]);
        return true;
    }

    private static uint Checksum(ReadOnlySpan<byte> fields, ReadOnlySpan<byte> before, ReadOnlySpan<byte> after)
    {
        var seed = XxHash32.HashToUInt32(fields);
        seed = XxHash32.HashToUInt32(before, unchecked((int)seed));
        return XxHash32.HashToUInt32(after, unchecked((int)seed));
    }
}
