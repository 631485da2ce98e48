using Microsoft.AspNetCore.Http;
using Prometheus;

namespace WsLoad.Sinks.Prometheus;

/// <summary>
/// <c>GET /metrics</c>: the registry in Prometheus's text format, each scrape noted in the <see cref="ScrapeTracker"/>
/// once it is written, so the run can tell when Prometheus has read its last figures.
/// </summary>
internal sealed class ScrapeEndpoint(CollectorRegistry registry, ScrapeTracker tracker)
{
    /// <summary>The text exposition format's content type.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = tracker.Begin();
        context.Response.ContentType = ContentType;
        context.Response.Headers.CacheControl = "no-store";
        await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        tracker.Served(token);
    }
}
