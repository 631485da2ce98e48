using Microsoft.AspNetCore.Builder;
using WsLoad.Results;

namespace WsLoad.Sinks.Prometheus;

/// <summary>
/// <c>--metrics</c>: a Prometheus scrape endpoint (<c>/metrics</c>) for the whole command, with a registry of its own
/// (never prometheus-net's static default one, so several can live in one process), and a
/// <see cref="PrometheusRunSink"/> per run writing into it. When stopped it first waits, bounded, for Prometheus to
/// scrape the final figures (see <see cref="ScrapeTracker"/>).
/// </summary>
internal sealed class MetricsMonitor : ILiveMonitor
{
    private readonly LocalWebServer _server;
    private readonly WsLoadCollectors _collectors;
    private readonly ScrapeTracker _tracker;
    private readonly Action<string> _say;

    private MetricsMonitor(LocalWebServer server, WsLoadCollectors collectors, ScrapeTracker tracker, Action<string> say)
    {
        _server = server;
        _collectors = collectors;
        _tracker = tracker;
        _say = say;
    }

    /// <summary>The endpoint's base URL; the metrics are at <c>metrics</c> under it.</summary>
    public Uri Address => _server.Address;

    /// <summary>Serves <c>/metrics</c> on <see cref="LiveMonitoringOptions.Metrics"/> and announces it (<c>metrics: URL</c>).</summary>
    /// <exception cref="LiveMonitoringException">The address is refused or in use.</exception>
    public static async Task<MetricsMonitor> StartAsync(LiveMonitoringOptions options, Action<string> say, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        var endpoint = options.Metrics ?? LiveMonitoringOptions.DefaultMetricsEndpoint;
        ListenAddress.Check(endpoint, "--metrics", options.AllowRemoteAccess, say);
        var registry = global::Prometheus.Metrics.NewCustomRegistry();
        var collectors = new WsLoadCollectors(registry);
        var tracker = new ScrapeTracker(time ?? TimeProvider.System);
        var scrape = new ScrapeEndpoint(registry, tracker);
        var server = await LocalWebServer.StartAsync(endpoint, "--metrics", app => app.MapGet("/metrics", scrape.HandleAsync), cancellationToken);
        say($"metrics: {server.Address}metrics");
        return new MetricsMonitor(server, collectors, tracker, say);
    }

    public IRunSink? CreateSink(LiveRun run) => new PrometheusRunSink(_collectors, _tracker, run);

    public Task ReportsWrittenAsync(LiveRun run, RunResult result, string? htmlReport, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Waits for the final scrape when Prometheus has scraped before and has not read the last figures yet: at most the
    /// interval seen between scrapes plus a second, never more than <see cref="ScrapeTracker.MaxFinalWait"/>. Then stops.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_tracker.FinalWait() is { } wait)
        {
            _say($"metrics: waiting up to {wait.TotalSeconds:0.#} s for Prometheus's final scrape");
            if (!await _tracker.WaitForFinalScrapeAsync(wait, CancellationToken.None))
            {
                _say("metrics: no scrape came in time; Prometheus may miss the run's last figures");
            }
        }

        await _server.DisposeAsync();
    }
}
