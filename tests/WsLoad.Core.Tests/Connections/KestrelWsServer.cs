using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WsLoad.Tests.Connections;

/// <summary>
/// A Kestrel WebSocket server on 127.0.0.1, OS-chosen port: <c>/echo</c>, <c>/close1011</c> (closes with 1011 "boom"),
/// <c>/reject</c> (403). Unexpected server-side exceptions are rethrown on dispose.
/// </summary>
internal sealed class KestrelWsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Exception> _errors;

    private KestrelWsServer(WebApplication app, Uri baseUri, ConcurrentQueue<Exception> errors)
    {
        _app = app;
        _errors = errors;
        BaseUri = baseUri;
    }

    /// <summary><c>ws://127.0.0.1:port/</c> (or wss://).</summary>
    public Uri BaseUri { get; }

    public Uri Url(string path) => new(BaseUri, path);

    public static async Task<KestrelWsServer> StartAsync(CancellationToken ct, X509Certificate2? certificate = null)
    {
        var errors = new ConcurrentQueue<Exception>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l =>
        {
            if (certificate is not null)
            {
                l.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/echo", (HttpContext c) => Guard(errors, () => EchoAsync(c)));
        app.Map("/close1011", (HttpContext c) => Guard(errors, () => CloseWith1011Async(c)));
        app.Map("/reject", (HttpContext c) => c.Response.StatusCode = StatusCodes.Status403Forbidden);
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new KestrelWsServer(app, new Uri($"{(certificate is null ? "ws" : "wss")}://127.0.0.1:{address.Port}/"), errors);
    }

    private static async Task Guard(ConcurrentQueue<Exception> errors, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (Exception e) when (e is not (WebSocketException or OperationCanceledException or IOException))
        {
            errors.Enqueue(e);
        }
    }

    private static async Task EchoAsync(HttpContext context)
    {
        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4 << 20];
        var count = 0;
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer.AsMemory(count), context.RequestAborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await ws.CloseOutputAsync(ws.CloseStatus!.Value, ws.CloseStatusDescription, context.RequestAborted);
                return;
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                await ws.SendAsync(buffer.AsMemory(0, count), result.MessageType, true, context.RequestAborted);
                count = 0;
            }
        }
    }

    private static async Task CloseWith1011Async(HttpContext context)
    {
        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        await ws.CloseAsync(WebSocketCloseStatus.InternalServerError, "boom", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (!_errors.IsEmpty)
        {
            throw new AggregateException("server-side failures", _errors);
        }
    }
}
