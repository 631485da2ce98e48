using System.Text.Json;
using System.Text.Json.Serialization;

namespace WsLoad.Server;

/// <summary>
/// Reads and writes a <see cref="ChannelStatsDictionary"/> as a JSON object of channel name to counters. The names are
/// data, written as they are; the counters' field names follow the options' naming policy (camelCase at <c>/stats</c>)
/// and are read in any case. Written by hand rather than through a nested type's metadata, so it works with any
/// options or source-generated context, whether or not that one knows <see cref="ChannelStats"/>.
/// </summary>
public sealed class ChannelStatsDictionaryJsonConverter : JsonConverter<ChannelStatsDictionary>
{
    /// <summary>The counters' fields, in <see cref="ChannelStats"/>'s constructor order.</summary>
    private static readonly string[] Fields =
    [
        nameof(ChannelStats.Subscribers), nameof(ChannelStats.Published), nameof(ChannelStats.Delivered),
        nameof(ChannelStats.Dropped), nameof(ChannelStats.DroppedByFault),
    ];

    public override ChannelStatsDictionary Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var channels = new List<KeyValuePair<string, ChannelStats>>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            _ = reader.Read();
            channels.Add(new(name, ReadChannel(ref reader)));
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new ChannelStatsDictionary(channels);
    }

    public override void Write(Utf8JsonWriter writer, ChannelStatsDictionary value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var names = Array.ConvertAll(Fields, field => options.PropertyNamingPolicy?.ConvertName(field) ?? field);
        writer.WriteStartObject();
        foreach (var (name, stats) in value)
        {
            writer.WriteStartObject(name);
            long[] values = [stats.Subscribers, stats.Published, stats.Delivered, stats.Dropped, stats.DroppedByFault];
            for (var i = 0; i < Fields.Length; i++)
            {
                writer.WriteNumber(names[i], values[i]);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static ChannelStats ReadChannel(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var values = new long[Fields.Length];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString();
            _ = reader.Read();
            var index = Array.FindIndex(Fields, known => string.Equals(known, field, StringComparison.OrdinalIgnoreCase));
            if (index < 0 || reader.TokenType != JsonTokenType.Number)
            {
                reader.Skip(); // a field of a later version: not ours to read
                continue;
            }

            values[index] = reader.GetInt64();
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new ChannelStats(values[0], values[1], values[2], values[3], values[4]);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in the channel stats, got {reader.TokenType}.");
        }
    }
}
