using Microsoft.AspNetCore.Http;

namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// <c>GET /events</c>: the feed as Server-Sent Events. It first replays what the page has not seen (the whole current
/// run for a new page), then streams each event as it comes, with a comment line every <see cref="Heartbeat"/> so
/// that proxies and the browser keep an idle stream open. The stream ends when the page goes, when it falls too far
/// behind, or when the dashboard stops; the page then reconnects by itself.
/// </summary>
internal static class DashboardEventStream
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How long a page waits before reconnecting (the SSE <c>retry:</c> field).</summary>
    private const string Retry = "retry: 2000\n\n";

    public static async Task StreamAsync(HttpContext context, DashboardFeed feed, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // a reverse proxy would otherwise hold the stream back
        var lastEventId = long.TryParse(context.Request.Headers["Last-Event-ID"], out var id) ? id : (long?)null;
        var aborted = context.RequestAborted;
        var (replay, subscriber) = feed.Subscribe(lastEventId);
        try
        {
            await response.WriteAsync(Retry, aborted);
            foreach (var message in replay)
            {
                await response.WriteAsync(message.ToWire(), aborted);
            }

            await response.Body.FlushAsync(aborted);
            await StreamNewAsync(response, subscriber, time, aborted);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The page went away: nothing to tell anyone.
        }
        finally
        {
            feed.Unsubscribe(subscriber);
        }
    }

    private static async Task StreamNewAsync(HttpResponse response, DashboardSubscriber subscriber, TimeProvider time, CancellationToken aborted)
    {
        var reader = subscriber.Reader;
        Task<bool>? next = null; // kept across heartbeats: one wait for the next event at a time
        while (true)
        {
            next ??= reader.WaitToReadAsync(aborted).AsTask();
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            var quiet = Task.Delay(Heartbeat, time, beat.Token);
            var first = await Task.WhenAny(next, quiet);
            await beat.CancelAsync();
            if (first == quiet)
            {
                await response.WriteAsync(": heartbeat\n\n", aborted);
                await response.Body.FlushAsync(aborted);
                continue;
            }

            var more = await next;
            next = null;
            if (!more)
            {
                return; // dropped as too slow, or the dashboard stopped
            }

            while (reader.TryRead(out var message))
            {
                await response.WriteAsync(message.ToWire(), aborted);
            }

            await response.Body.FlushAsync(aborted);
        }
    }
}
