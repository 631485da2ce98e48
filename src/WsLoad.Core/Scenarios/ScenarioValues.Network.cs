using System.Globalization;

namespace WsLoad.Scenarios;

public static partial class ScenarioValues
{
    /// <summary>Forms a bandwidth may take, for error messages.</summary>
    public const string BandwidthForms = "bytes a second like 1mb, 512kb/s or 100000 (units are 1024-based)";

    /// <summary>Forms a probability may take, for error messages.</summary>
    public const string ProbabilityForms = "a percentage like 1% or 0.5%, or a fraction like 0.01";

    /// <summary>"1mb", "1mb/s", "512kb/s", "100000": bytes a second (1024-based units).</summary>
    public static bool TryParseBandwidth(string text, out long bytesPerSecond)
    {
        bytesPerSecond = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text.Trim();
        if (trimmed.EndsWith("/s", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed[..^2];
        if (!TryParseBytes(trimmed, out var bytes))
            return false;
        bytesPerSecond = bytes;
        return true;
    }

    /// <summary>"1%", "0.5%" or a fraction "0.01"; the result is a fraction from 0 to 1.</summary>
    public static bool TryParseProbability(string text, out double fraction)
    {
        fraction = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        if (!double.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return false;
        fraction = percent ? value / 100 : value;
        return fraction is >= 0 and <= 1;
    }
}
