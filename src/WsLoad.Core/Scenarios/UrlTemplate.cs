using System.Globalization;
using System.Text.RegularExpressions;

namespace WsLoad.Scenarios;

/// <summary>
/// A target URL with per-connection placeholders: <c>{{connectionId}}</c> (the connection's id in the whole plan, from
/// 0) and <c>{{connectionId % N}}</c> (that id modulo N, e.g. <c>?channel={{connectionId % 100}}</c> spreads the
/// connections over 100 channels, connection i on channel i % 100). A URL without placeholders is one URL for all.
/// </summary>
public sealed partial class UrlTemplate
{
    private readonly string _text;
    private readonly List<(int Start, int Length, int? Modulo)> _placeholders = [];

    private UrlTemplate(string text) => _text = text;

    /// <summary>The N of <c>{{connectionId % N}}</c>, the number of distinct URLs; null with <c>{{connectionId}}</c> (one each) or no placeholder.</summary>
    public int? Distinct { get; private set; }

    public bool HasPlaceholders => _placeholders.Count > 0;

    /// <summary>Reads the placeholders of <paramref name="url"/> (its text as written); false with the problem when one is not understood.</summary>
    public static bool TryParse(Uri url, out UrlTemplate template, out string? error)
    {
        ArgumentNullException.ThrowIfNull(url);
        template = new UrlTemplate(url.OriginalString);
        error = null;
        var text = url.OriginalString;
        var start = 0;
        while ((start = text.IndexOf("{{", start, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf("}}", start + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                error = $"'{{{{' at character {start + 1} is not closed with '}}}}'";
                return false;
            }

            var inside = text[(start + 2)..end];
            var match = Placeholder().Match(inside);
            if (!match.Success)
            {
                error = $"unknown placeholder '{{{{{inside}}}}}'; a URL may use {{{{connectionId}}}} or {{{{connectionId % N}}}} (N a whole number from 1)";
                return false;
            }

            int? modulo = null;
            if (match.Groups[1].Success)
            {
                if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                {
                    error = $"'{{{{{inside}}}}}': N must be a whole number from 1";
                    return false;
                }

                modulo = n;
            }

            template._placeholders.Add((start, end + 2 - start, modulo));
            start = end + 2;
        }

        // Several placeholders: as many URLs as the widest of them gives (unbounded if any is the bare id).
        template.Distinct = template._placeholders.Count == 0 || template._placeholders.Any(p => p.Modulo is null)
            ? null
            : template._placeholders.Max(p => p.Modulo);
        return true;
    }

    /// <summary>The URL of connection <paramref name="connectionId"/>.</summary>
    public Uri Expand(int connectionId)
    {
        if (_placeholders.Count == 0)
        {
            return new Uri(_text);
        }

        var builder = new System.Text.StringBuilder(_text.Length + 8);
        var at = 0;
        foreach (var (start, length, modulo) in _placeholders)
        {
            builder.Append(_text, at, start - at);
            builder.Append((modulo is { } n ? connectionId % n : connectionId).ToString(CultureInfo.InvariantCulture));
            at = start + length;
        }

        builder.Append(_text, at, _text.Length - at);
        return new Uri(builder.ToString());
    }

    [GeneratedRegex(@"^\s*connectionId\s*(?:%\s*(\d+)\s*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
