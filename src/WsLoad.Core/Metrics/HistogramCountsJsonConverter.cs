using System.Text.Json;
using System.Text.Json.Serialization;

namespace WsLoad.Metrics;

/// <summary>
/// Writes <see cref="HistogramCounts"/> as one base64 string of unsigned LEB128 varints: for each bucket the step from
/// the previous bucket's value (the first from 0), then its count. A second of traffic takes a few hundred characters.
/// </summary>
internal sealed class HistogramCountsJsonConverter : JsonConverter<HistogramCounts>
{
    public override HistogramCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A histogram's buckets are a base64 string.");
        }

        byte[] bytes;
        try
        {
            bytes = reader.GetBytesFromBase64();
        }
        catch (FormatException exception)
        {
            throw new JsonException("A histogram's buckets are not valid base64.", exception);
        }

        var values = new List<long>();
        var counts = new List<long>();
        var position = 0;
        long value = 0;
        while (position < bytes.Length)
        {
            value = checked(value + ReadVarint(bytes, ref position));
            values.Add(value);
            counts.Add(ReadVarint(bytes, ref position));
        }

        try
        {
            return HistogramCounts.Create([.. values], [.. counts]);
        }
        catch (ArgumentException exception)
        {
            throw new JsonException(exception.Message, exception);
        }
    }

    public override void Write(Utf8JsonWriter writer, HistogramCounts value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new List<byte>(value.Values.Length * 4);
        long previous = 0;
        for (var i = 0; i < value.Values.Length; i++)
        {
            WriteVarint(buffer, (ulong)(value.Values[i] - previous));
            WriteVarint(buffer, (ulong)value.Counts[i]);
            previous = value.Values[i];
        }

        writer.WriteBase64StringValue([.. buffer]);
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static long ReadVarint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new JsonException("A histogram's buckets end in the middle of a number.");
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value > long.MaxValue ? throw new JsonException("A histogram's number is too large.") : (long)value;
            }
        }

        throw new JsonException("A histogram's number is too long.");
    }
}
