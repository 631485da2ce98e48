using HdrHistogram;
using HdrHistogram.Utilities;

namespace WsLoad.Metrics;

/// <summary>Compressed base64 form of an HDR histogram, as kept in run.json so runs and shards merge exactly.</summary>
internal static class HistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        // ByteBuffer.Allocate(byte[]) wraps the array, so the encoder writes straight into it.
        var bytes = new byte[histogram.GetNeededByteBufferCapacity()];
        var length = histogram.EncodeIntoCompressedByteBuffer(ByteBuffer.Allocate(bytes));
        return Convert.ToBase64String(bytes, 0, length);
    }

    public static HistogramBase Decode(string base64)
    {
        var buffer = ByteBuffer.Allocate(Convert.FromBase64String(base64));
        return HistogramEncoding.DecodeFromCompressedByteBuffer(buffer, 0);
    }
}
