using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// The dashboard's addresses: <c>/</c> the page, <c>/events</c> the live stream, <c>/state</c> everything so far as
/// JSON, <c>/report</c> the latest run's HTML report and <c>/report/N</c> run N's (404 until written).
/// </summary>
internal static class DashboardRoutes
{
    public static void Map(IEndpointRouteBuilder app, DashboardFeed feed, TimeProvider time)
    {
        app.MapGet("/", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return HttpResults.Content(DashboardPage.Html, "text/html; charset=utf-8");
        });
        app.MapGet("/events", (HttpContext context) => DashboardEventStream.StreamAsync(context, feed, time));
        app.MapGet("/state", () => HttpResults.Content(feed.StateJson(), "application/json; charset=utf-8"));
        app.MapGet("/report", () => Report(feed.ReportPath(null)));
        app.MapGet("/report/{number:int}", (int number) => Report(feed.ReportPath(number)));
    }

    private static IResult Report(string? path) => path is not null && File.Exists(path)
        ? HttpResults.File(path, "text/html; charset=utf-8")
        : HttpResults.NotFound("No HTML report yet: it is written when the run ends (and only with --report html, the default).");
}
