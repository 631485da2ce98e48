using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace WsLoad.Connections;

/// <summary>
/// Decodes RFC 6455 frame headers from a span. Pure and allocation-free; usable for both ends of a connection
/// (<c>expectMasked</c> is false for frames a client receives, true for frames a server receives).
/// </summary>
internal static class WsFrameDecoder
{
    /// <summary>The largest header: 2 bytes + 8-byte length + 4-byte mask.</summary>
    public const int MaxHeaderLength = 14;

    public static WsDecodeStatus TryReadHeader(
        ReadOnlySpan<byte> buffer, bool expectMasked, out WsFrameHeader header, out string? error)
    {
        header = default;
        error = null;
        if (buffer.Length < 2)
        {
            return WsDecodeStatus.NeedMoreData;
        }

        var b0 = buffer[0];
        var b1 = buffer[1];
        var fin = (b0 & 0x80) != 0;
        var reserved = (byte)((b0 >> 4) & 0x7);
        var opcode = (WsOpcode)(b0 & 0x0F);
        var masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7F;
        var headerLength = 2;

        if (length == 126)
        {
            if (buffer.Length < 4)
            {
                return WsDecodeStatus.NeedMoreData;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
            headerLength = 4;
        }
        else if (length == 127)
        {
            if (buffer.Length < 10)
            {
                return WsDecodeStatus.NeedMoreData;
            }

            var raw = BinaryPrimitives.ReadUInt64BigEndian(buffer[2..]);
            if (raw > long.MaxValue)
            {
                error = "64-bit payload length has the most significant bit set";
                return WsDecodeStatus.ProtocolError;
            }

            length = (long)raw;
            headerLength = 10;
        }

        uint maskKey = 0;
        if (masked)
        {
            if (buffer.Length < headerLength + 4)
            {
                return WsDecodeStatus.NeedMoreData;
            }

            maskKey = MemoryMarshal.Read<uint>(buffer[headerLength..]);
            headerLength += 4;
        }

        header = new WsFrameHeader(fin, reserved, opcode, masked, maskKey, length, headerLength);
        error = Validate(header, expectMasked);
        return error is null ? WsDecodeStatus.Ok : WsDecodeStatus.ProtocolError;
    }

    /// <summary>The per-frame rules of RFC 6455 5.1-5.5 (message-level rules such as continuation order are the receiver's).</summary>
    private static string? Validate(in WsFrameHeader header, bool expectMasked)
    {
        if (header.ReservedBits != 0)
        {
            return "reserved bits set without a negotiated extension";
        }

        if (!header.Opcode.IsDefined())
        {
            return $"unknown opcode 0x{(byte)header.Opcode:X}";
        }

        if (header.Masked != expectMasked)
        {
            return expectMasked ? "unmasked client frame" : "masked server frame";
        }

        if (header.Opcode.IsControl())
        {
            if (!header.Fin)
            {
                return "fragmented control frame";
            }

            if (header.PayloadLength > 125)
            {
                return "control frame payload longer than 125 bytes";
            }
        }

        return null;
    }
}
