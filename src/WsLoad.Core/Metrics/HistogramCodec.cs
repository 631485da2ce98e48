using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;

namespace WsLoad.Metrics;

/// <summary>Compressed base64 form of an HDR histogram, as kept in run.json so runs and shards merge exactly.</summary>
internal static class HistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);

        // ByteBuffer keeps its array to itself: read the encoded bytes back one by one (a few KB, once per run).
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <exception cref="FormatException">The text is not a compressed histogram.</exception>
    public static HistogramBase Decode(string base64)
    {
        // HdrHistogram.NET's own compressed decode inflates with one Stream.Read, which stops short once the payload
        // passes the inflater's buffer: a histogram of a wide spread of values (a 200,000-connection run's rtt, 12 KB
        // compressed) could not be read back ("The buffer does not contain the indicated payload amount"). So the
        // payload (after the cookie and its length, big-endian) is inflated here, whole, and the plain form decoded.
        var bytes = Convert.FromBase64String(base64);
        var length = bytes.Length >= 8 ? BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)) : -1;
        if (length < 0 || length > bytes.Length - 8)
        {
            throw new FormatException($"not a compressed histogram: {bytes.Length} bytes, payload length {length}");
        }

        using var input = new MemoryStream(bytes, 8, length);
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        using var plain = new MemoryStream();
        inflater.CopyTo(plain);
        return HistogramEncoding.DecodeFromByteBuffer(ByteBuffer.Allocate(plain.ToArray()), 0);
    }
}
