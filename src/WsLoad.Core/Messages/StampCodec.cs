using System.Buffers.Binary;
using System.IO.Hashing;

namespace WsLoad.Messages;

/// <summary>
/// Encodes and finds message stamps. Binary messages start with a 38-byte header:
/// <c>"WSL1" | connection id (4) | sequence (8) | intended ts (8) | sent ts (8) | type (2) | checksum (4)</c>, little
/// endian. Text messages carry a 32-character token anywhere in the text (a JSON string for generated payloads, the
/// <c>{{stamp}}</c> placeholder in templates); see StampCodec.Text.cs for its layout and its limits.
/// The checksum is XxHash32 over the stamp's full fields (the header's first 34 bytes, whatever the form), then the
/// message before the stamp, then the message after it, so any changed byte outside the checksum itself is detected,
/// and so is a text stamp whose full values were restored wrongly.
/// </summary>
internal static partial class StampCodec
{
    public const int BinaryLength = 38;
    private const int FieldsLength = 34;

    private static ReadOnlySpan<byte> BinaryMagic => "WSL1"u8;

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

    /// <summary>
    /// Computes the checksum of <paramref name="message"/> whose stamp starts at <paramref name="stampOffset"/> and
    /// writes it into the stamp, in the stamp's own form.
    /// </summary>
    public static void Seal(Span<byte> message, int stampOffset, bool isText, in MessageStamp stamp)
    {
        var sealedStamp = isText ? AsText(stamp) : stamp;
        var length = isText ? TextLength : BinaryLength;
        Span<byte> raw = stackalloc byte[BinaryLength];
        WriteBinary(raw, sealedStamp);
        var checksum = Checksum(raw[..FieldsLength], message[..stampOffset], message[(stampOffset + length)..]);
        if (isText)
        {
            WriteText(message[stampOffset..], sealedStamp, checksum);
        }
        else
        {
            WriteBinary(message[stampOffset..], sealedStamp, checksum);
        }
    }

    /// <summary>
    /// Finds and decodes the stamp in a received message, restoring a text stamp's full values from
    /// <paramref name="context"/>. Returns false when there is none (not one of ours); <paramref name="intact"/> tells
    /// whether the checksum matched.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, in StampContext context, out MessageStamp stamp, out bool intact)
    {
        intact = false;
        int offset;
        int length;
        uint expected;
        if (message.Length >= BinaryLength && message.StartsWith(BinaryMagic))
        {
            stamp = new MessageStamp(
                BinaryPrimitives.ReadInt32LittleEndian(message[4..]),
                BinaryPrimitives.ReadInt64LittleEndian(message[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(message[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(message[24..]),
                BinaryPrimitives.ReadUInt16LittleEndian(message[32..]));
            expected = BinaryPrimitives.ReadUInt32LittleEndian(message[34..]);
            offset = 0;
            length = BinaryLength;
        }
        else
        {
            offset = message.IndexOf(TextMarker);
            if (offset < 0 || message.Length - offset < TextLength || !TryReadText(message.Slice(offset, TextLength), context, out stamp, out expected))
            {
                stamp = default;
                return false;
            }

            length = TextLength;
        }

        Span<byte> raw = stackalloc byte[BinaryLength];
        WriteBinary(raw, stamp);
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
