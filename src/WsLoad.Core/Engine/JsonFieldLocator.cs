using System.Text.Json;

namespace WsLoad.Engine;

/// <summary>Finds the string value at a dotted path (<c>meta.id</c>) in a UTF-8 JSON message without allocating.</summary>
internal static class JsonFieldLocator
{
    public static bool TryFindString(ReadOnlySpan<byte> json, string[] path, out ReadOnlySpan<byte> value) =>
        TryFindString(json, path, out value, out _);

    /// <summary>
    /// As <see cref="TryFindString(ReadOnlySpan{byte}, string[], out ReadOnlySpan{byte})"/>, and reads the message to its
    /// end: <paramref name="wellFormed"/> is false when it is not one valid JSON document, even if the field was found
    /// before the damage (a reply whose last byte was flipped).
    /// </summary>
    public static bool TryFindString(ReadOnlySpan<byte> json, string[] path, out ReadOnlySpan<byte> value, out bool wellFormed)
    {
        var reader = new Utf8JsonReader(json);
        value = default;
        var found = false;
        try
        {
            found = Find(ref reader, path, out value);
            while (found && reader.Read())
            {
            }

            wellFormed = true;
        }
        catch (JsonException)
        {
            wellFormed = false;
        }

        return found;
    }

    /// <summary>The whole number at <paramref name="path"/> (a JSON number, not a string), without allocating.</summary>
    public static bool TryFindInt64(ReadOnlySpan<byte> json, string[] path, out long value)
    {
        var reader = new Utf8JsonReader(json);
        value = 0;
        try
        {
            return Find(ref reader, path, out _, number: true) && reader.TryGetInt64(out value);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Find(scoped ref Utf8JsonReader reader, string[] path, out ReadOnlySpan<byte> value, bool number = false)
    {
        value = default;
        var depth = 0; // how many path segments are matched by the objects we are inside
        var matchedAtDepth = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    depth++;
                    break;
                case JsonTokenType.EndObject:
                    depth--;
                    matchedAtDepth = Math.Min(matchedAtDepth, depth);
                    break;
                case JsonTokenType.StartArray:
                    reader.Skip();
                    break;
                case JsonTokenType.PropertyName when depth == matchedAtDepth + 1 && matchedAtDepth < path.Length:
                    if (!reader.ValueTextEquals(path[matchedAtDepth]))
                    {
                        _ = reader.Read();
                        reader.Skip();
                        break;
                    }

                    _ = reader.Read();
                    if (matchedAtDepth == path.Length - 1)
                    {
                        if (number)
                        {
                            return reader.TokenType == JsonTokenType.Number;
                        }

                        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        value = reader.ValueSpan;
                        return true;
                    }

                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        depth++;
                        matchedAtDepth++;
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
                default:
                    break;
            }
        }

        return false;
    }
}
