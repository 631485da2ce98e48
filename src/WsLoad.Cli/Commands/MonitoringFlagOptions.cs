using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using WsLoad.Sinks;

namespace WsLoad.Cli.Commands;

/// <summary>
/// The live-monitoring flags shared by <c>run</c>, <c>demo</c> and <c>suite</c>: the dashboard, the scrape endpoint,
/// the remote write and webhooks (<see cref="LiveMonitoringOptions"/>).
/// </summary>
internal sealed class MonitoringFlagOptions
{
    public Option<IPEndPoint?> Dashboard { get; } = new("--dashboard")
    {
        Description = "Serve a live web dashboard while the run goes, at ADDR (default 127.0.0.1:5665; 127.0.0.1:0 takes a free port, announced on stderr). "
            + "Open it in a browser; a page opened late shows the run from its start.",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "ADDR",
        CustomParser = result => Endpoint(result, LiveMonitoringOptions.DefaultDashboardEndpoint.Port),
    };

    public Option<TimeSpan?> DashboardLinger { get; } = new("--dashboard-linger")
    {
        Description = "Keep serving the dashboard (and its link to the HTML report) this long after the run has written its reports, e.g. 5m (default: stop with the run).",
        HelpName = "DURATION",
        CustomParser = FlagParsers.Duration,
    };

    public Option<IPEndPoint?> Metrics { get; } = new("--metrics")
    {
        Description = "Serve Prometheus metrics (wsload_*) at http://ADDR/metrics while the run goes (default 127.0.0.1:9464).",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "ADDR",
        CustomParser = result => Endpoint(result, LiveMonitoringOptions.DefaultMetricsEndpoint.Port),
    };

    public Option<Uri?> RemoteWrite { get; } = new("--prometheus-remote-write")
    {
        Description = "Send the metrics to a Prometheus remote-write receiver, e.g. http://127.0.0.1:9090/api/v1/write (a secret: never printed nor recorded). "
            + "env:NAME reads the URL from the environment variable NAME.",
        HelpName = "URL",
        CustomParser = RemoteWriteUrl,
    };

    public Option<TimeSpan?> RemoteWriteInterval { get; } = new("--remote-write-interval")
    {
        Description = "How often the remote write sends (default 5s).",
        HelpName = "DURATION",
        CustomParser = FlagParsers.Duration,
    };

    public Option<WebhookTarget[]> Webhooks { get; } = new("--webhook")
    {
        Description = "Tell a webhook of the run's start and end (with the verdict), live threshold breaches and checkpoint actions: "
            + "slack=URL (an incoming webhook), teams=URL (a workflow), or json=URL (a bare URL is json); repeatable. "
            + "Sending never holds the run up: each message is tried 3 times, and what failed is counted in run.json's sinks and on stderr. "
            + "The URL is a secret: env:NAME reads it from the environment variable NAME, and it is never printed nor recorded.",
        HelpName = "KIND=URL",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = WebhookTargets,
    };

    public Option<bool> AllowRemote { get; } = new("--allow-remote-monitoring")
    {
        Description = "Let --dashboard and --metrics listen on an address other than loopback (e.g. 0.0.0.0:5665); without it that is refused.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Dashboard);
        command.Options.Add(DashboardLinger);
        command.Options.Add(Metrics);
        command.Options.Add(RemoteWrite);
        command.Options.Add(RemoteWriteInterval);
        command.Options.Add(Webhooks);
        command.Options.Add(AllowRemote);
    }

    public LiveMonitoringOptions Read(ParseResult parseResult) => new()
    {
        Dashboard = parseResult.GetResult(Dashboard) is null ? null : parseResult.GetValue(Dashboard) ?? LiveMonitoringOptions.DefaultDashboardEndpoint,
        DashboardLinger = parseResult.GetValue(DashboardLinger) ?? TimeSpan.Zero,
        Metrics = parseResult.GetResult(Metrics) is null ? null : parseResult.GetValue(Metrics) ?? LiveMonitoringOptions.DefaultMetricsEndpoint,
        RemoteWrite = parseResult.GetValue(RemoteWrite),
        RemoteWriteInterval = parseResult.GetValue(RemoteWriteInterval) ?? TimeSpan.FromSeconds(5),
        Webhooks = parseResult.GetValue(Webhooks) ?? [],
        AllowRemoteAccess = parseResult.GetValue(AllowRemote),
    };

    private static IPEndPoint? Endpoint(ArgumentResult result, int defaultPort)
    {
        var text = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
        if (ListenAddress.TryParse(text, defaultPort, out var endpoint))
        {
            return endpoint;
        }

        result.AddError($"'{text}' is not an address to listen on ({ListenAddress.Forms})");
        return null;
    }

    private static Uri? RemoteWriteUrl(ArgumentResult result)
    {
        var text = SecretValue(result, result.Tokens[0].Value, "--prometheus-remote-write");
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        // The value may be a secret: the error names the flag, never the value.
        result.AddError("--prometheus-remote-write is not an http:// or https:// URL (e.g. http://127.0.0.1:9090/api/v1/write)");
        return null;
    }

    private static WebhookTarget[] WebhookTargets(ArgumentResult result)
    {
        var targets = new List<WebhookTarget>();
        foreach (var token in result.Tokens)
        {
            var text = token.Value;
            var cut = text.IndexOf('=', StringComparison.Ordinal);
            var kindText = cut > 0 && !text[..cut].Contains(':', StringComparison.Ordinal) ? text[..cut] : null;
            var kind = WebhookKind.Json;
            if (kindText is not null && !Enum.TryParse(kindText, ignoreCase: true, out kind))
            {
                result.AddError($"--webhook kind '{kindText}' is not slack, teams or json (e.g. --webhook slack=env:SLACK_WEBHOOK_URL)");
                continue;
            }

            var urlText = SecretValue(result, kindText is null ? text : text[(cut + 1)..], "--webhook");
            if (urlText is null)
            {
                continue;
            }

            if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                result.AddError($"--webhook {kindText ?? "json"}=… is not an http:// or https:// URL (the value is not shown: it is a secret)");
                continue;
            }

            targets.Add(new WebhookTarget(kind, url));
        }

        return [.. targets];
    }

    // env:NAME reads a secret from the environment, so it stays out of the shell's history and the process list.
    private static string? SecretValue(ArgumentResult result, string text, string flag)
    {
        if (!text.StartsWith("env:", StringComparison.Ordinal))
        {
            return text;
        }

        var name = text[4..];
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            result.AddError($"{flag} env:{name}: the environment variable {name} is not set");
            return null;
        }

        return value.Trim();
    }
}
