using System.Numerics;
using System.Runtime.InteropServices;

namespace WsLoad.Connections;

/// <summary>
/// RFC 6455 masking (payload[i] ^= mask[i % 4]). The key is the 4 mask bytes read as a native-endian
/// <see cref="uint"/>, so XOR-ing whole words read natively applies the bytes in the right order on any CPU.
/// </summary>
internal static class WsMask
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> masking it; the mask starts at byte 0 of the key.</summary>
    public static void CopyMasked(ReadOnlySpan<byte> source, Span<byte> destination, uint maskKey)
    {
        destination = destination[..source.Length];
        var i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<byte>.Count)
        {
            // Vector<byte>.Count is a multiple of 4, so the key stays aligned across vectors.
            var mask = Vector.AsVectorByte(new Vector<uint>(maskKey));
            var last = source.Length - Vector<byte>.Count;
            for (; i <= last; i += Vector<byte>.Count)
            {
                (new Vector<byte>(source[i..]) ^ mask).CopyTo(destination[i..]);
            }
        }

        var mask64 = ((ulong)maskKey << 32) | maskKey;
        for (; i + 8 <= source.Length; i += 8)
        {
            MemoryMarshal.Write(destination[i..], MemoryMarshal.Read<ulong>(source[i..]) ^ mask64);
        }

        Span<byte> keyBytes = stackalloc byte[4];
        MemoryMarshal.Write(keyBytes, in maskKey);
        for (; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ keyBytes[i & 3]);
        }
    }

    /// <summary>Masks or unmasks <paramref name="data"/> in place.</summary>
    public static void Apply(Span<byte> data, uint maskKey) => CopyMasked(data, data, maskKey);
}
