using System.Net;
using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

public class RemoteWriteSenderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly RemoteWritePolicy Quick = new() { FirstBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(50), RequestTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Server_errors_are_retried_until_the_receiver_accepts_and_every_try_carries_the_protocol_s_headers_and_body()
    {
        using var receiver = new ScriptedReceiver(hold: false, HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        await using var sender = new RemoteWriteSender(new RemoteWriteEndpoint(receiver.Url), Quick, TimeProvider.System);
        var request = Request(samples: 3);

        Assert.True(sender.TryEnqueue(request));
        Assert.True(await sender.WaitIdleAsync(Patience, CancellationToken.None));

        var counts = sender.Counts.Read();
        Assert.Equal((1L, 0L, 3L, 0L, 0L), (counts.Requests, counts.RequestsFailed, counts.Sent, counts.Dropped, counts.Pending));
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, received =>
        {
            Assert.Equal(("snappy", "application/x-protobuf", "0.1.0"), (received.ContentEncoding, received.ContentType, received.Version));
            Assert.StartsWith("wsload/", received.UserAgent, StringComparison.Ordinal);
            Assert.Equal(request.Timeseries.SelectMany(s => s.Labels), received.Body.Timeseries.SelectMany(s => s.Labels));
            Assert.Equal(request.Timeseries.SelectMany(s => s.Samples), received.Body.Timeseries.SelectMany(s => s.Samples));
        });
    }

    [Fact]
    public async Task A_request_refused_with_400_is_not_retried_and_its_samples_count_as_dropped()
    {
        using var receiver = new ScriptedReceiver(hold: false, HttpStatusCode.BadRequest);
        await using var sender = new RemoteWriteSender(new RemoteWriteEndpoint(receiver.Url), Quick, TimeProvider.System);

        sender.TryEnqueue(Request(samples: 4));
        Assert.True(await sender.WaitIdleAsync(Patience, CancellationToken.None));

        var counts = sender.Counts.Read();
        Assert.Equal((0L, 1L, 0L, 4L, "HTTP 400"), (counts.Requests, counts.RequestsFailed, counts.Sent, counts.Dropped, counts.LastFailure));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_in_time_fails_the_request_after_its_tries()
    {
        using var receiver = new ScriptedReceiver(hold: true);
        var policy = Quick with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxAttempts = 2 };
        await using var sender = new RemoteWriteSender(new RemoteWriteEndpoint(receiver.Url), policy, TimeProvider.System);

        sender.TryEnqueue(Request(samples: 2));
        Assert.True(await sender.WaitIdleAsync(Patience, CancellationToken.None));

        var counts = sender.Counts.Read();
        Assert.Equal((1L, 2L, "no answer within 0.2 s"), (counts.RequestsFailed, counts.Dropped, counts.LastFailure));
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task When_the_queue_is_full_a_request_is_dropped_and_counted_at_once_and_the_queued_ones_still_go()
    {
        using var receiver = new ScriptedReceiver(hold: true);
        await using var sender = new RemoteWriteSender(new RemoteWriteEndpoint(receiver.Url), Quick with { QueueCapacity = 1 }, TimeProvider.System);

        Assert.True(sender.TryEnqueue(Request(samples: 1)));
        Assert.True(await receiver.ArrivedAsync(Patience), "the first request reached the receiver");
        Assert.True(sender.TryEnqueue(Request(samples: 2))); // waits in the queue
        Assert.False(sender.TryEnqueue(Request(samples: 5))); // no room

        var held = sender.Counts.Read();
        Assert.Equal((5L, 3L), (held.Dropped, held.Pending));
        Assert.False(await sender.WaitIdleAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None));
        receiver.Release();
        Assert.True(await sender.WaitIdleAsync(Patience, CancellationToken.None));
        var done = sender.Counts.Read();
        Assert.Equal((2L, 3L, 5L, 0L), (done.Requests, done.Sent, done.Dropped, done.Pending));
    }

    private static WriteRequest Request(int samples) => new(
        [.. Enumerable.Range(0, samples).Select(i => new TimeSeries([new("__name__", "wsload_connections_open"), new("scenario", $"s{i}")], [new(i + 0.5, 1_765_000_000_000 + i)]))]);
}
