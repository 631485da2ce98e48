using Microsoft.AspNetCore.Http;
using WsLoad.Server.Connections;

namespace WsLoad.Server.Hosting;

/// <summary>
/// The server's only request handler: WebSocket upgrades on the configured path, <c>GET /stats</c>,
/// <c>GET /health</c>, <c>GET /metrics</c> (Prometheus), <c>POST /admin/stall?seconds=N</c> <c>GET/PUT/DELETE /admin/faults</c> and <c>POST /admin/drop?count=N</c>. A plain switch on the path, so no routing is needed.
/// Threading: stateless, concurrent.
/// </summary>
internal sealed class RequestDispatcher(PathString webSocketPath, WebSocketService webSockets, Func<ServerStats> stats, Func<CancellationToken, Task<ServerStats>> groupStats, Func<TimeSpan, bool> tryStall, FaultPlanEndpoint faultPlan, Func<int, int>? dropConnections = null, Func<HttpContext, Task>? metrics = null)
{
    public static readonly PathString StatsPath = new("/stats");
    public static readonly PathString HealthPath = new("/health");
    public static readonly PathString MetricsPath = new("/metrics");
    public static readonly PathString StallPath = new("/admin/stall");
    public static readonly PathString DropPath = new("/admin/drop");

    /// <summary>The longest stall the admin endpoint accepts: a typo must not silence a server for a day.</summary>
    private const double MaxStallSeconds = 3600;

    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Equals(webSocketPath))
        {
            return webSockets.HandleUpgradeAsync(context);
        }

        if (request.Path.Equals(StallPath))
        {
            return Stall(context);
        }

        if (request.Path.Equals(FaultPlanEndpoint.Path))
        {
            return faultPlan.HandleAsync(context);
        }

        if (request.Path.Equals(DropPath) && dropConnections is not null)
        {
            return Drop(context, dropConnections);
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        if (request.Path.Equals(StatsPath))
        {
            context.Response.Headers.CacheControl = "no-store";
            return request.Query["scope"] == "process"
                ? context.Response.WriteAsJsonAsync(stats(), ServerJsonContext.Default.ServerStats, cancellationToken: context.RequestAborted)
                : GroupStats(context);
        }

        if (request.Path.Equals(MetricsPath) && metrics is not null)
        {
            return metrics(context);
        }

        if (request.Path.Equals(HealthPath))
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("ok", context.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    // One process, or the group of processes sharing the port: the sum, or 502 if a process of the group did not answer
    // (a partial sum would read as lost messages).
    private async Task GroupStats(HttpContext context)
    {
        ServerStats sum;
        try
        {
            sum = await groupStats(context.RequestAborted);
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("a process of this server group did not answer: " + exception.Message, context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(sum, ServerJsonContext.Default.ServerStats, cancellationToken: context.RequestAborted);
    }

    private Task Stall(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/plain";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        var text = context.Request.Query["seconds"].ToString();
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds is not (> 0 and <= MaxStallSeconds))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return response.WriteAsync($"seconds must be a number > 0 and <= {MaxStallSeconds}, got '{text}'", context.RequestAborted);
        }

        if (!tryStall(TimeSpan.FromSeconds(seconds)))
        {
            response.StatusCode = StatusCodes.Status409Conflict;
            return response.WriteAsync("only echo and ack modes can stall", context.RequestAborted);
        }

        response.StatusCode = StatusCodes.Status202Accepted;
        return response.WriteAsync($"stalling for {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s", context.RequestAborted);
    }

    // POST /admin/drop?count=N: aborts N open connections (oldest first) and answers how many it dropped.
    private static Task Drop(HttpContext context, Func<int, int> dropConnections)
    {
        var response = context.Response;
        response.ContentType = "text/plain";
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        var text = context.Request.Query["count"].ToString();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return response.WriteAsync($"count must be a whole number >= 0, got '{text}'", context.RequestAborted);
        }

        var dropped = dropConnections(count);
        response.StatusCode = StatusCodes.Status200OK;
        return response.WriteAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"dropped {dropped}"), context.RequestAborted);
    }
}
