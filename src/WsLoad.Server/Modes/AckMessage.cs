using System.Text.Json;

namespace WsLoad.Server.Modes;

/// <summary>
/// Ack mode's wire format: finds the top-level <c>id</c> of a JSON object message and writes
/// <c>{"type":"ack","id":ID}</c> with the id's JSON exactly as it came (a string keeps its quotes and escapes, a number
/// its digits). Reads the bytes once with <see cref="Utf8JsonReader"/> and writes into the caller's buffer: no strings,
/// no allocation.
/// </summary>
internal static class AckMessage
{
    private static ReadOnlySpan<byte> Prefix => "{\"type\":\"ack\",\"id\":"u8;

    private static ReadOnlySpan<byte> IdName => "id"u8;

    /// <summary>
    /// Finds the raw JSON of the message's top-level <c>id</c> when the whole message is one valid JSON object whose
    /// first top-level <c>id</c> is a string or a number; false for anything else (not JSON, not an object, no id,
    /// an id of another type, trailing bytes).
    /// </summary>
    public static bool TryFindId(ReadOnlySpan<byte> message, out Range id)
    {
        id = default;
        var reader = new Utf8JsonReader(message);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var seen = false;
            var found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = !seen && reader.ValueTextEquals(IdName);
                _ = reader.Read();
                if (isId)
                {
                    seen = true;
                    found = TryTake(ref reader, out id);
                }

                reader.Skip(); // a nested value (and its own "id"s) is read through, so the whole message is checked
            }

            // The object is closed; a further token (a second JSON value) makes the reader throw.
            return !reader.Read() && found;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The length of the ack for an id of <paramref name="idLength"/> bytes of JSON.</summary>
    public static int LengthFor(int idLength) => Prefix.Length + idLength + 1;

    /// <summary>Writes the ack for <paramref name="id"/> (raw JSON) and returns its length; the destination holds <see cref="LengthFor"/>.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> id)
    {
        Prefix.CopyTo(destination);
        id.CopyTo(destination[Prefix.Length..]);
        destination[Prefix.Length + id.Length] = (byte)'}';
        return LengthFor(id.Length);
    }

    private static bool TryTake(ref Utf8JsonReader reader, out Range id)
    {
        // ValueSpan is the raw token (escapes kept); a string's quotes are outside it.
        var start = (int)reader.TokenStartIndex;
        var length = reader.TokenType switch
        {
            JsonTokenType.String => reader.ValueSpan.Length + 2,
            JsonTokenType.Number => reader.ValueSpan.Length,
            _ => -1,
        };
        id = length < 0 ? default : new Range(start, start + length);
        return length >= 0;
    }
}
