using System.Globalization;

namespace WsLoad.Scenarios;

public static partial class ScenarioValues
{
    /// <summary>Forms the reconnect shorthand may take, for error messages and help.</summary>
    public const string ReconnectForms = "none, immediate, fixed:500ms or exponential:100ms..5s";

    /// <summary>Forms the retry shorthand may take, for error messages.</summary>
    public const string RetryForms = "none, or the wait before the first retry (500ms; 3 retries, each wait doubling)";

    /// <summary>Forms a jitter may take, for error messages.</summary>
    public const string JitterForms = "a share like 20% or 0.2 (each wait is drawn within ± that share of itself)";

    /// <summary>
    /// The reconnect shorthand of <c>--reconnect</c> and <c>connections.reconnect</c>: <c>none</c>, <c>immediate</c>,
    /// <c>fixed:DELAY</c>, <c>exponential</c>, <c>exponential:DELAY</c> or <c>exponential:DELAY..MAXDELAY</c>.
    /// The other settings keep their defaults.
    /// </summary>
    public static bool TryParseReconnect(string text, out ReconnectOptions value)
    {
        value = ReconnectOptions.None;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var parts = text.Trim().Split(':', 2);
        var policy = parts[0].Trim().ToUpperInvariant() switch
        {
            "NONE" or "OFF" => ReconnectPolicy.None,
            "IMMEDIATE" => ReconnectPolicy.Immediate,
            "FIXED" => ReconnectPolicy.Fixed,
            "EXPONENTIAL" => ReconnectPolicy.Exponential,
            _ => (ReconnectPolicy?)null,
        };
        if (policy is null)
            return false;
        value = new ReconnectOptions { Policy = policy.Value };
        if (parts.Length == 1)
            return true;
        if (policy is not (ReconnectPolicy.Fixed or ReconnectPolicy.Exponential))
            return false;

        var range = parts[1].Split("..", 2);
        if (!TryParseDuration(range[0], out var delay))
            return false;
        value = value with { Delay = delay };
        if (range.Length == 1)
            return true;
        if (policy != ReconnectPolicy.Exponential || !TryParseDuration(range[1], out var maxDelay))
            return false;
        value = value with { MaxDelay = maxDelay };
        return true;
    }

    /// <summary>"20%" or "0.2": a share from 0 to 1.</summary>
    public static bool TryParseJitter(string text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        if (!double.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            return false;
        value = percent ? number / 100 : number;
        return true;
    }

    /// <summary>The retry shorthand of <c>--retry</c> and <c>messages.retry</c>: <c>none</c>/<c>off</c>, or the first wait (<c>500ms</c>).</summary>
    public static bool TryParseRetry(string text, out RetryOptions value)
    {
        value = RetryOptions.None;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (text.Trim() is "none" or "off")
            return true;
        if (!TryParseDuration(text, out var after) || after <= TimeSpan.Zero)
            return false;
        value = new RetryOptions { After = after };
        return true;
    }
}
