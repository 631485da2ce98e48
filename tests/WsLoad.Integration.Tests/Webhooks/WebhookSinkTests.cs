using WsLoad.Metrics;
using WsLoad.Scenarios;
using WsLoad.Sinks;
using WsLoad.Sinks.Webhooks;

namespace WsLoad.Tests.Webhooks;

/// <summary>
/// A run's webhook sink over synthetic seconds, its messages posted to a real receiver on loopback: what it tells of
/// and when. Thresholds are judged only from a second after the ramp-up and alert once each way; a checkpoint alerts
/// with its action, a mark does not.
/// </summary>
public sealed class WebhookSinkTests
{
    [Fact]
    public async Task A_threshold_alerts_once_when_it_fails_after_the_ramp_and_once_when_it_holds_again_and_a_checkpoint_alerts_its_action()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        await using var receiver = await WebhookReceiver.StartAsync(ct);
        using var http = new HttpClient();
        var policy = new WebhookSendPolicy { Spacing = TimeSpan.FromMilliseconds(10), FlushTimeout = TimeSpan.FromSeconds(30) };
        await using var sender = new WebhookSender(new WebhookTarget(WebhookKind.Json, receiver.Url("ok", "json/TOKEN")), http, TimeProvider.System, policy);
        var scenario = new Scenario
        {
            Name = "sink",
            Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:9/ws") },
            Connections = new ConnectionOptions { Count = 10, Ramp = new RampOptions { Duration = TimeSpan.FromSeconds(2) }, Hold = TimeSpan.FromSeconds(10) },
            Thresholds = ["connect.success > 99%", "connections.peak >= 10"], // the second is known only at the end
            Checkpoints =
            [
                new CheckpointOptions { Name = "drops", When = "connections.dropped > 0", Action = CheckpointAction.Alert },
                new CheckpointOptions { Name = "many drops", When = "connections.dropped > 100", Action = CheckpointAction.Mark },
                new CheckpointOptions { Name = "any drop", When = "connections.dropped > 0", Action = CheckpointAction.Mark },
            ],
        };
        var sink = new WebhookSink(new LiveRun("sink", scenario), [sender], TimeProvider.System);

        // connect.success so far: 50% at 1 s (5 connects still in flight at the ramp; not judged before 3 s), 100% at
        // 2 s, then 50% at 4 s, 91.7% at 5 s, 99.1% at 6 s, and 49.6% at 7 s (failing again: no second alert).
        (long Attempted, long Established, long Dropped)[] seconds = [(10, 5, 0), (0, 5, 0), (0, 0, 0), (10, 0, 0), (100, 100, 5), (1000, 1000, 0), (1120, 0, 0)];
        for (var i = 0; i < seconds.Length; i++)
        {
            var (attempted, established, dropped) = seconds[i];
            sink.OnInterval(Second(i + 1, attempted, established, dropped));
        }

        Assert.True(await sink.DrainAsync(ct));
        await sender.FlushAsync();

        var events = receiver.Received("ok").Select(r => (Event: r.Body["event"]!.GetValue<string>(), At: r.Body["atSeconds"]?.GetValue<double>())).ToList();
        Assert.Equal([("run-started", null), ("threshold-breached", 4), ("checkpoint", 5), ("threshold-recovered", 6)], events);
        Assert.Equal("drops", receiver.Received("ok")[2].Body["figures"]!["checkpoint"]!.GetValue<string>());
        Assert.Equal((4L, 0L, 0L), (sink.Tally.Sent, sink.Tally.Failed, sink.Tally.Pending));
        Assert.Equal(4, sink.Health.Sends!.Sent);
    }

    private static IntervalSnapshot Second(int second, long attempted, long established, long dropped) => new()
    {
        Index = second - 1,
        StartSeconds = second - 1,
        EndSeconds = second,
        Counters = new SnapshotCounters { ConnectsAttempted = attempted, ConnectsEstablished = established, Dropped = dropped },
    };
}
