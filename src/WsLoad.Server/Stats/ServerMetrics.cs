using Microsoft.AspNetCore.Http;
using Prometheus;
using WsLoad.Resources;

namespace WsLoad.Server.Stats;

/// <summary>
/// <c>GET /metrics</c> of the target server: this process's counters (the ones <c>/stats?scope=process</c> serves) and
/// its CPU, memory, threads and handles (prometheus-net's process metrics: <c>process_cpu_seconds_total</c>,
/// <c>process_working_set_bytes</c>, <c>process_open_handles</c>, …, plus the standard client libraries'
/// <c>process_resident_memory_bytes</c> and <c>process_open_fds</c> on Linux, which prometheus-net lacks and
/// queries written for other servers use) in Prometheus's text format, from a registry of its own. Always this process alone: in a group sharing a port (<c>--workers</c>) whichever process accepts the scrape's
/// connection answers, unlike <c>/stats</c>, which adds the group up. Threading: scrapes may run concurrently.
/// </summary>
internal sealed class ServerMetrics
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly CollectorRegistry _registry = global::Prometheus.Metrics.NewCustomRegistry();

    public ServerMetrics(Func<ServerStats> stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        DotNetStats.Register(_registry);
        var factory = global::Prometheus.Metrics.WithCustomRegistry(_registry);
        var open = factory.CreateGauge("wsload_server_connections_open", "WebSocket connections open in this server process.");
        var accepted = factory.CreateCounter("wsload_server_connections_accepted_total", "WebSocket upgrades this server process accepted.");
        var refused = factory.CreateCounter("wsload_server_upgrades_refused_total", "Upgrade requests this server process answered with an HTTP status instead (refuse fault, or stopping).");
        var received = factory.CreateCounter("wsload_server_messages_received_total", "Whole messages this server process received from clients.");
        var sent = factory.CreateCounter("wsload_server_messages_sent_total", "Whole messages this server process sent to clients.");
        var bytesReceived = factory.CreateCounter("wsload_server_bytes_received_total", "Payload bytes this server process received (frame headers not counted).");
        var bytesSent = factory.CreateCounter("wsload_server_bytes_sent_total", "Payload bytes this server process sent (frame headers not counted).");
        var resident = factory.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        var openFds = factory.CreateGauge("process_open_fds", "Number of open file descriptors.");

        // Read once per scrape from the same counters /stats reads; IncTo keeps the counters' running totals.
        _registry.AddBeforeCollectCallback(() =>
        {
            var now = stats();
            open.Set(now.CurrentConnections);
            accepted.IncTo(now.TotalAccepted);
            refused.IncTo(now.UpgradesRefused);
            received.IncTo(now.MessagesIn);
            sent.IncTo(now.MessagesOut);
            bytesReceived.IncTo(now.BytesIn);
            bytesSent.IncTo(now.BytesOut);
            if (ProcStat.ReadProcess(Environment.ProcessId) is { } process)
            {
                resident.Set(process.RssBytes);
                openFds.Set(process.OpenFiles);
            }
        });
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await _registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }
}
