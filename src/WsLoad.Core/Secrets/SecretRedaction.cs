using System.Text;

namespace WsLoad.Secrets;

/// <summary>
/// Keeps secrets out of what a run writes and prints. A webhook URL is a token in itself (Slack's and Teams' URLs
/// are the credential), and a Prometheus URL may carry a password: the values of the flags that take them are
/// replaced whole, and any URL's password is replaced wherever it appears in a command line.
/// </summary>
public static class SecretRedaction
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Flags whose whole value is a secret.</summary>
    public static IReadOnlySet<string> SecretFlags { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "--webhook",
        "--prometheus-remote-write",
    };

    /// <summary>
    /// The command line of <paramref name="args"/> (the program first) as run.json records it, with the values of
    /// <see cref="SecretFlags"/> (<c>--webhook URL</c> and <c>--webhook=URL</c>) masked and URL passwords masked.
    /// </summary>
    public static string CommandLine(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var words = new List<string>(args.Count);
        var maskNext = false;
        foreach (var arg in args)
        {
            if (maskNext)
            {
                words.Add(Mask);
                maskNext = false;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 && SecretFlags.Contains(arg[..equals]))
            {
                words.Add(arg[..(equals + 1)] + Mask);
                continue;
            }

            maskNext = SecretFlags.Contains(arg);
            words.Add(Quote(Url(arg)));
        }

        return string.Join(' ', words);
    }

    /// <summary>The command line of this process, redacted (see <see cref="CommandLine(IReadOnlyList{string})"/>).</summary>
    public static string CurrentCommandLine() => CommandLine(Environment.GetCommandLineArgs());

    /// <summary>
    /// <paramref name="text"/> with the password of every URL in it masked (<c>https://user:***@host/</c>): a URL's
    /// user information is the one part of a URL that is a credential by definition.
    /// </summary>
    public static string Url(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var from = 0;
        while (scheme >= 0)
        {
            var authorityStart = scheme + 3;
            var authorityEnd = text.IndexOfAny(['/', '?', '#', ' ', '"', '\''], authorityStart);
            if (authorityEnd < 0)
            {
                authorityEnd = text.Length;
            }

            var at = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
            var colon = at < 0 ? -1 : text.IndexOf(':', authorityStart, at - authorityStart);
            if (colon >= 0)
            {
                builder.Append(text, from, colon + 1 - from).Append(Mask);
                from = at;
            }

            scheme = text.IndexOf("://", authorityEnd, StringComparison.Ordinal);
        }

        return builder.Append(text, from, text.Length - from).ToString();
    }

    /// <summary>
    /// <paramref name="scenario"/> as run.json records it: the same, with the password of its Prometheus URL
    /// (<c>serverMetrics.prometheus</c>) masked. The run itself keeps the real one.
    /// </summary>
    public static Scenarios.Scenario Scenario(Scenarios.Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.ServerMetrics is { Prometheus.UserInfo.Length: > 0 } metrics
            ? scenario with { ServerMetrics = metrics with { Prometheus = new Uri(Url(metrics.Prometheus.OriginalString)) } }
            : scenario;
    }

    private static string Quote(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
