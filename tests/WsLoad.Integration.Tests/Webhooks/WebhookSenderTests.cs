using WsLoad.Sinks;
using WsLoad.Sinks.Webhooks;

namespace WsLoad.Tests.Webhooks;

/// <summary>
/// One webhook's sender against a real receiver on loopback: a receiver that hangs fills the queue, live alerts beyond
/// its capacity are dropped and counted while a run's end still gets its place, and the flush at exit gives up what is
/// left after its bound, counted too.
/// </summary>
public sealed class WebhookSenderTests
{
    [Fact]
    public async Task Behind_a_hanging_receiver_live_alerts_past_the_capacity_are_dropped_and_the_rest_given_up_at_the_flush()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        await using var receiver = await WebhookReceiver.StartAsync(ct);
        using var http = new HttpClient();
        var policy = new WebhookSendPolicy { QueueCapacity = 2, FlushTimeout = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromSeconds(30) };
        await using var sender = new WebhookSender(new WebhookTarget(WebhookKind.Json, receiver.Url("hang", "json/TOKEN")), http, TimeProvider.System, policy);
        var run = new WebhookTally();

        Assert.True(sender.TryQueue(Alert(WebhookEvent.RunStarted), run));
        await WaitUntilAsync(() => receiver.Received("hang").Count == 1, ct); // the start is being tried, and hangs
        var live = Enumerable.Range(0, 5).Select(_ => sender.TryQueue(Alert(WebhookEvent.Checkpoint), run)).ToList();
        Assert.True(sender.TryQueue(Alert(WebhookEvent.RunEnded), run)); // a run's end is never dropped

        Assert.Equal([true, true, false, false, false], live);
        Assert.Equal((0L, 0L, 3L, 4L), (run.Sent, run.Failed, run.Dropped, run.Pending));
        await sender.FlushAsync();

        Assert.Equal((0L, 0L, 3L, 4L, 0L), (run.Sent, run.Failed, run.Dropped, run.Abandoned, run.Pending));
        Assert.Equal((3L, 4L), (sender.Totals.Dropped, sender.Totals.Abandoned));
        Assert.Equal("JSON webhook at http://127.0.0.1/…: 0 sent, 0 failed, 3 dropped (queue full), 4 not sent (gave up after 1 s at exit)", sender.Describe());
        Assert.Single(receiver.Received("hang"));
        Assert.False(sender.TryQueue(Alert(WebhookEvent.RunEnded), run)); // flushed: nothing more goes
    }

    [Fact]
    public async Task A_failing_receiver_gets_each_message_the_policys_tries_and_the_failure_is_counted_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        await using var receiver = await WebhookReceiver.StartAsync(ct);
        using var http = new HttpClient();
        var policy = new WebhookSendPolicy { Tries = 3, Backoff = TimeSpan.FromMilliseconds(50), Spacing = TimeSpan.FromMilliseconds(50), FlushTimeout = TimeSpan.FromSeconds(20) };
        await using var sender = new WebhookSender(new WebhookTarget(WebhookKind.Slack, receiver.Url("fail", "services/T/B/TOKEN")), http, TimeProvider.System, policy);
        var run = new WebhookTally();

        sender.TryQueue(Alert(WebhookEvent.RunStarted), run);
        sender.TryQueue(Alert(WebhookEvent.RunEnded), run);
        await sender.FlushAsync();

        Assert.Equal(6, receiver.Received("fail").Count);
        Assert.Equal((0L, 2L, 0L, 0L), (run.Sent, run.Failed, run.Abandoned, run.Pending));
        Assert.Equal("SLACK webhook at http://127.0.0.1/…: HTTP 500", run.LastFailure);
        Assert.Equal("HTTP 500", sender.Totals.LastFailure);
    }

    private static WebhookAlert Alert(WebhookEvent kind) => new() { Event = kind, Run = "r", At = DateTimeOffset.UnixEpoch, Title = kind.ToString() };

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
