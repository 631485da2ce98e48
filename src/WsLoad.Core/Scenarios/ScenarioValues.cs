using System.Globalization;
using System.Text.RegularExpressions;

namespace WsLoad.Scenarios;

/// <summary>
/// Parsers for the value forms scenarios and command-line flags share: durations, rates, sizes, ramps.
/// Culture-invariant; every parser returns false (never throws) on text it does not understand.
/// </summary>
public static partial class ScenarioValues
{
    /// <summary>The largest message size a scenario may ask for (16 MiB).</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>Forms a duration may take, for error messages.</summary>
    public const string DurationForms = "a duration like 500us, 500ms, 20s, 1m30s, 1.5s or 2h (a bare number is seconds)";

    /// <summary>Forms a rate may take, for error messages.</summary>
    public const string RateForms = "a rate like 1/s, 60/m, 3600/h or 0.5/s (a bare number is per second)";

    /// <summary>Forms a size may take, for error messages.</summary>
    public const string SizeForms = "a size in bytes like 100, 2kb, 1mb, a range 64-1024 or a list [64,128,256]";

    /// <summary>Forms the ramp shorthand may take, for error messages.</summary>
    public const string RampForms = "linear:10s, exponential:20s, stepped:5x10s, burst or burst:1000/2s";

    /// <summary>
    /// "500us", "500ms", "20s", "1m30s", "1.5s", "2h"; a bare number is seconds. Microseconds are written <c>us</c>,
    /// <c>µs</c> (the micro sign) or <c>μs</c> (the Greek mu, which keyboards give too); precision is TimeSpan's 100 ns.
    /// </summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text.Trim();
        if (TryParseNumber(trimmed, out var bareSeconds))
            return TryFromSeconds(bareSeconds, out value);

        var match = DurationPattern().Match(trimmed);
        if (!match.Success)
            return false;
        double seconds = 0;
        var parts = match.Groups["part"].Captures;
        for (var i = 0; i < parts.Count; i++)
        {
            var number = double.Parse(match.Groups["num"].Captures[i].Value, CultureInfo.InvariantCulture);
            seconds += number * match.Groups["unit"].Captures[i].Value switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 0.001,
                _ => 0.000_001, // us, µs, μs
            };
        }

        return TryFromSeconds(seconds, out value);
    }

    /// <summary>"1/s", "100/m", "3600/h", "0.5/s"; a bare number is per second. Returns the per-second rate.</summary>
    public static bool TryParseRate(string text, out double perSecond)
    {
        perSecond = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var match = RatePattern().Match(text.Trim());
        if (!match.Success || !TryParseNumber(match.Groups["num"].Value, out var count))
            return false;
        var unit = match.Groups["unit"].Value.ToUpperInvariant();
        double seconds = unit switch
        {
            "" or "S" or "SEC" or "SECOND" => 1,
            "M" or "MIN" or "MINUTE" => 60,
            "H" or "HOUR" => 3600,
            _ => double.NaN,
        };
        if (double.IsNaN(seconds))
            return false;
        perSecond = count / seconds;
        return true;
    }

    /// <summary>"100", "2kb", "1mb" (1024-based), "64-1024", "[64,128,256]" (bytes).</summary>
    public static bool TryParseSize(string text, out SizeSpec value)
    {
        value = SizeSpec.Fixed(0);
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
        {
            var items = trimmed[1..^1].Split(',');
            var sizes = new int[items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                if (!TryParseBytes(items[i], out sizes[i]))
                    return false;
            }

            value = SizeSpec.OneOf(sizes);
            return true;
        }

        var dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            if (!TryParseBytes(trimmed[..dash], out var min) || !TryParseBytes(trimmed[(dash + 1)..], out var max))
                return false;
            value = SizeSpec.Range(min, max);
            return true;
        }

        if (!TryParseBytes(trimmed, out var bytes))
            return false;
        value = SizeSpec.Fixed(bytes);
        return true;
    }

    /// <summary>One non-negative byte count: "100", "2kb", "1mb", "1kib" (units are 1024-based, any case).</summary>
    internal static bool TryParseBytes(string text, out int bytes)
    {
        bytes = 0;
        var match = BytesPattern().Match(text.Trim());
        if (!match.Success || !TryParseNumber(match.Groups["num"].Value, out var number))
            return false;
        double factor = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "KB" or "KIB" or "K" => 1024,
            "MB" or "MIB" or "M" => 1024 * 1024,
            "" or "B" => 1,
            _ => double.NaN,
        };
        var total = number * factor;
        if (double.IsNaN(total) || total > int.MaxValue || total != Math.Floor(total))
            return false;
        bytes = (int)total;
        return true;
    }

    /// <summary>A finite, non-negative, culture-invariant decimal number.</summary>
    internal static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryFromSeconds(double seconds, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            return false;
        value = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    [GeneratedRegex(@"^(?<part>(?<num>[0-9]+(\.[0-9]+)?)(?<unit>ms|us|\u00B5s|\u03BCs|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(?<num>[0-9.]+)\s*(/\s*(?<unit>[a-zA-Z]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^(?<num>[0-9.]+)\s*(?<unit>[kKmM]?[iI]?[bB]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex BytesPattern();
}
