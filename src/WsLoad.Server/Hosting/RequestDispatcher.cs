using Microsoft.AspNetCore.Http;
using WsLoad.Server.Connections;

namespace WsLoad.Server.Hosting;

/// <summary>
/// The server's only request handler: WebSocket upgrades on the configured path, <c>GET /stats</c> and
/// <c>GET /health</c>. A plain switch on the path, so no routing is needed. Threading: stateless, concurrent.
/// </summary>
internal sealed class RequestDispatcher(PathString webSocketPath, WebSocketService webSockets, Func<ServerStats> stats)
{
    public static readonly PathString StatsPath = new("/stats");
    public static readonly PathString HealthPath = new("/health");

    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Equals(webSocketPath))
        {
            return webSockets.HandleUpgradeAsync(context);
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        if (request.Path.Equals(StatsPath))
        {
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsJsonAsync(stats(), ServerJsonContext.Default.ServerStats, cancellationToken: context.RequestAborted);
        }

        if (request.Path.Equals(HealthPath))
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("ok", context.RequestAborted);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
