using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WsLoad.Sinks;

namespace WsLoad.Tests.Webhooks;

/// <summary>
/// A webhook receiver on loopback for the tests: a real HTTP server (Kestrel, port 0) that records every POST (path
/// and JSON body) and answers by the path's first segment: <c>/ok/…</c> 200, <c>/fail/…</c> 500, <c>/hang/…</c> never
/// (until the client gives up or the receiver stops). Thread-safe; stopped on dispose.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly List<ReceivedWebhook> _received = [];
    private readonly CancellationTokenSource _stopping = new();
    private LocalWebServer? _server;

    private WebhookReceiver()
    {
    }

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var receiver = new WebhookReceiver();
        receiver._server = await LocalWebServer.StartAsync(
            new IPEndPoint(IPAddress.Loopback, 0), "webhook receiver", app => app.MapPost("/{behaviour}/{**rest}", receiver.ReceiveAsync), cancellationToken);
        return receiver;
    }

    /// <summary>A webhook URL on this receiver that answers as <paramref name="behaviour"/> says (ok, fail, hang).</summary>
    public Uri Url(string behaviour, string pathAndQuery) => new(_server!.Address, behaviour + "/" + pathAndQuery.TrimStart('/'));

    /// <summary>What arrived so far at URLs of <paramref name="behaviour"/>, in order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received(string behaviour)
    {
        lock (_received)
        {
            return [.. _received.Where(r => r.Behaviour == behaviour)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task ReceiveAsync(HttpContext context, string behaviour)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        lock (_received)
        {
            _received.Add(new ReceivedWebhook(behaviour, context.Request.Path + context.Request.QueryString, context.Request.ContentType, JsonNode.Parse(body)!));
        }

        switch (behaviour)
        {
            case "hang":
                using (var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                break;
            case "fail":
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
            default:
                await context.Response.WriteAsync("ok", context.RequestAborted);
                break;
        }
    }
}

/// <summary>One request the receiver recorded.</summary>
internal sealed record ReceivedWebhook(string Behaviour, string PathAndQuery, string? ContentType, JsonNode Body);
