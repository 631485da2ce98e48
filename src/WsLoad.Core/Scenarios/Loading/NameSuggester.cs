namespace WsLoad.Scenarios.Loading;

/// <summary>Finds the allowed name closest to a misspelt one, for "did you mean" hints.</summary>
internal static class NameSuggester
{
    /// <summary>The closest allowed name, or null when none is close enough to be a plausible typo.</summary>
    public static string? Closest(string given, IEnumerable<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var normalizedGiven = Normalize(given);
        foreach (var candidate in allowed)
        {
            // Same letters in another case or with separators ("connect_timeout") is the likeliest slip.
            var distance = Normalize(candidate) == normalizedGiven ? 0 : Distance(given, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var tolerance = Math.Max(2, given.Length / 3);
        return bestDistance <= tolerance ? best : null;
    }

    private static string Normalize(string name) =>
        name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    // Levenshtein distance, case-insensitive.
    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
