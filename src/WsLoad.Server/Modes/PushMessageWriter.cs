using System.Buffers.Text;

namespace WsLoad.Server.Modes;

/// <summary>
/// Formats push messages, <c>{"seq":123,"sentAtUnixUs":1764224400123456,"pad":"xxxx"}</c>, padded to a size,
/// straight into a byte buffer (no strings, no allocation).
/// </summary>
internal static class PushMessageWriter
{
    private const int MaxLongDigits = 20;

    /// <summary>The longest unpadded message: a buffer of max(size, this) always fits.</summary>
    public static readonly int MaxUnpaddedLength = Prefix.Length + MaxLongDigits + SentAt.Length + MaxLongDigits + Pad.Length + End.Length;

    private static ReadOnlySpan<byte> Prefix => "{\"seq\":"u8;

    private static ReadOnlySpan<byte> SentAt => ",\"sentAtUnixUs\":"u8;

    private static ReadOnlySpan<byte> Pad => ",\"pad\":\""u8;

    private static ReadOnlySpan<byte> End => "\"}"u8;

    /// <summary>Writes one message and returns its length: <paramref name="size"/>, or the unpadded length if larger.</summary>
    public static int Write(Span<byte> destination, long seq, long sentAtUnixUs, int size)
    {
        var length = Append(destination, 0, Prefix);
        length += Format(destination[length..], seq);
        length = Append(destination, length, SentAt);
        length += Format(destination[length..], sentAtUnixUs);
        length = Append(destination, length, Pad);
        var padding = Math.Max(0, size - length - End.Length);
        destination.Slice(length, padding).Fill((byte)'x');
        return Append(destination, length + padding, End);
    }

    /// <summary>Microseconds since the Unix epoch.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }

    private static int Format(Span<byte> destination, long value)
    {
        _ = Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }
}
