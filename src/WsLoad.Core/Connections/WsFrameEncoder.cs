using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace WsLoad.Connections;

/// <summary>
/// Encodes RFC 6455 frames into a span. Pure and allocation-free. Every field is explicit (opcode, fin, reserved
/// bits, mask) so that tests and fault injection can write frames a conforming peer would reject.
/// </summary>
internal static class WsFrameEncoder
{
    public static int GetHeaderLength(long payloadLength, bool masked) =>
        (payloadLength <= 125 ? 2 : payloadLength <= ushort.MaxValue ? 4 : 10) + (masked ? 4 : 0);

    /// <summary>Writes a header and returns its length. <paramref name="maskKey"/> is used only when <paramref name="masked"/>.</summary>
    public static int WriteHeader(
        Span<byte> destination, WsOpcode opcode, bool fin, long payloadLength, bool masked, uint maskKey,
        byte reservedBits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        destination[0] = (byte)((fin ? 0x80 : 0) | ((reservedBits & 0x7) << 4) | ((byte)opcode & 0x0F));
        var maskBit = masked ? (byte)0x80 : (byte)0;
        int length;
        if (payloadLength <= 125)
        {
            destination[1] = (byte)(maskBit | (byte)payloadLength);
            length = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            destination[1] = (byte)(maskBit | 126);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
            length = 4;
        }
        else
        {
            destination[1] = (byte)(maskBit | 127);
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
            length = 10;
        }

        if (masked)
        {
            MemoryMarshal.Write(destination[length..], in maskKey);
            length += 4;
        }

        return length;
    }

    /// <summary>Writes a whole frame (header, then the payload copied and masked if <paramref name="masked"/>); returns its length.</summary>
    public static int WriteFrame(
        Span<byte> destination, WsOpcode opcode, bool fin, ReadOnlySpan<byte> payload, bool masked, uint maskKey,
        byte reservedBits = 0)
    {
        var headerLength = WriteHeader(destination, opcode, fin, payload.Length, masked, maskKey, reservedBits);
        var body = destination.Slice(headerLength, payload.Length);
        if (masked)
        {
            WsMask.CopyMasked(payload, body, maskKey);
        }
        else
        {
            payload.CopyTo(body);
        }

        return headerLength + payload.Length;
    }

    /// <summary>Writes the payload of a close frame (2-byte code, UTF-8 reason cut to fit 123 bytes); returns its length.</summary>
    public static int WriteClosePayload(Span<byte> destination, ushort code, ReadOnlySpan<char> reason)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, code);
        var room = Math.Min(destination.Length - 2, 123);
        var length = 2;
        if (!reason.IsEmpty)
        {
            // Cut at a char boundary so the reason stays valid UTF-8.
            var chars = reason.Length;
            while (chars > 0 && System.Text.Encoding.UTF8.GetByteCount(reason[..chars]) > room)
            {
                chars--;
                if (chars > 0 && char.IsHighSurrogate(reason[chars - 1]))
                {
                    chars--;
                }
            }

            length += System.Text.Encoding.UTF8.GetBytes(reason[..chars], destination[2..]);
        }

        return length;
    }
}
