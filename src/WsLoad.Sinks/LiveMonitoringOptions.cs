using System.Net;

namespace WsLoad.Sinks;

/// <summary>
/// What a run is watched by while it goes: a dashboard, a Prometheus scrape endpoint, a Prometheus remote write, and
/// webhooks. Each is off unless set. Built from the CLI's flags (<c>--dashboard</c>, <c>--metrics</c>,
/// <c>--prometheus-remote-write</c>, <c>--webhook</c>).
/// </summary>
public sealed record LiveMonitoringOptions
{
    /// <summary>The dashboard's default address: loopback, k6's port.</summary>
    public static readonly IPEndPoint DefaultDashboardEndpoint = new(IPAddress.Loopback, 5665);

    /// <summary>The scrape endpoint's default address: loopback, the OpenTelemetry Prometheus exporter's port.</summary>
    public static readonly IPEndPoint DefaultMetricsEndpoint = new(IPAddress.Loopback, 9464);

    /// <summary>Where the live web dashboard listens; null for none. Port 0 takes a free port (announced).</summary>
    public IPEndPoint? Dashboard { get; init; }

    /// <summary>How long the dashboard is served after the run's reports are written (its report link works meanwhile).</summary>
    public TimeSpan DashboardLinger { get; init; }

    /// <summary>Where <c>/metrics</c> is served for Prometheus to scrape; null for none. Port 0 takes a free port.</summary>
    public IPEndPoint? Metrics { get; init; }

    /// <summary>A Prometheus remote-write receiver (<c>…/api/v1/write</c>); null for none. A secret: never printed whole.</summary>
    public Uri? RemoteWrite { get; init; }

    /// <summary>How often the remote write sends what the run measured since the last send.</summary>
    public TimeSpan RemoteWriteInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Webhooks told of the run's start and end, live threshold breaches and checkpoint actions. Secrets.</summary>
    public IReadOnlyList<WebhookTarget> Webhooks { get; init; } = [];

    /// <summary>
    /// Lets the dashboard and metrics bind an address other than loopback. Without it such an address is refused: a
    /// run's figures and its target's name are nobody else's business by default.
    /// </summary>
    public bool AllowRemoteAccess { get; init; }

    /// <summary>True when anything at all watches the run.</summary>
    public bool Any => Dashboard is not null || Metrics is not null || RemoteWrite is not null || Webhooks.Count > 0;
}

/// <summary>The payload shape a webhook expects.</summary>
public enum WebhookKind
{
    /// <summary>WsLoad's own JSON document (<c>event</c>, <c>run</c>, <c>verdict</c>, figures).</summary>
    Json,

    /// <summary>A Slack incoming webhook: <c>text</c> and <c>blocks</c>.</summary>
    Slack,

    /// <summary>A Microsoft Teams workflow: a message with an Adaptive Card attachment.</summary>
    Teams,
}

/// <summary>One webhook: its payload shape and its URL. The URL is a secret (it carries the token); see <see cref="Display"/>.</summary>
public sealed record WebhookTarget(WebhookKind Kind, Uri Url)
{
    /// <summary>How the webhook is named in output: its kind and host only, never the path or query that hold the token.</summary>
    public string Display => $"{Kind.ToString().ToUpperInvariant()} webhook at {Url.Scheme}://{Url.Host}/…";

    /// <inheritdoc />
    public override string ToString() => Display;
}
