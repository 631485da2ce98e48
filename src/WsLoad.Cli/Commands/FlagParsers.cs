using System.CommandLine.Parsing;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Commands;

/// <summary>
/// System.CommandLine custom parsers for the value forms scenarios use (<see cref="ScenarioValues"/>), so that a bad
/// flag value is a parse error (exit 2) naming the flag and the accepted forms.
/// </summary>
internal static class FlagParsers
{
    public static TimeSpan? Duration(ArgumentResult result) =>
        Parse<TimeSpan>(result, ScenarioValues.TryParseDuration, "a duration such as 500us, 500ms, 20s, 1m30s");

    public static double? Rate(ArgumentResult result) =>
        Parse<double>(result, ScenarioValues.TryParseRate, "a rate such as 1/s, 100/m, 0.5/s");

    public static SizeSpec? Size(ArgumentResult result) =>
        ParseReference<SizeSpec>(result, ScenarioValues.TryParseSize, "a size in bytes such as 100, 1kb, 64-1024, [64,128]");

    public static RampOptions? Ramp(ArgumentResult result) =>
        ParseReference<RampOptions>(result, ScenarioValues.TryParseRamp, "a ramp such as linear:10s, exponential:20s, stepped:5x10s, burst, burst:1000/2s");

    public static ReconnectOptions? Reconnect(ArgumentResult result) =>
        ParseReference<ReconnectOptions>(result, ScenarioValues.TryParseReconnect, "a reconnect policy such as " + ScenarioValues.ReconnectForms);

    public static RetryOptions? Retry(ArgumentResult result) =>
        ParseReference<RetryOptions>(result, ScenarioValues.TryParseRetry, "a retry setting: " + ScenarioValues.RetryForms);

    /// <summary>--publishers N or P%.</summary>
    public static BroadcastOptions? Publishers(ArgumentResult result)
    {
        var text = Single(result).Trim();
        if (BroadcastOptions.TryParsePublishers(text, out var publishers) && publishers is { Publishers: null or >= 1, PublisherPercent: null or (> 0 and <= 100) })
        {
            return publishers;
        }

        result.AddError($"'{text}' is not a number of publishers (10, at least 1) or a share of the connections (2%, above 0 and at most 100%)");
        return null;
    }

    public static int? WholeNumber(ArgumentResult result)
    {
        var text = Single(result);
        if (int.TryParse(text, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a whole number");
        return null;
    }

    public static Uri? WebSocketUrl(ArgumentResult result)
    {
        var text = Single(result);
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "ws" or "wss")
        {
            return url;
        }

        result.AddError($"'{text}' is not a ws:// or wss:// URL");
        return null;
    }

    public static KeyValuePair<string, string>[] Headers(ArgumentResult result)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var token in result.Tokens)
        {
            var separator = token.Value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                result.AddError($"'{token.Value}' is not a header: expected NAME=VALUE");
                continue;
            }

            headers.Add(new(token.Value[..separator].Trim(), token.Value[(separator + 1)..].Trim()));
        }

        return [.. headers];
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T? Parse<T>(ArgumentResult result, TryParse<T> tryParse, string expected)
        where T : struct
    {
        var text = Single(result);
        if (tryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not {expected}");
        return null;
    }

    private static T? ParseReference<T>(ArgumentResult result, TryParse<T> tryParse, string expected)
        where T : class
    {
        var text = Single(result);
        if (tryParse(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not {expected}");
        return null;
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}
