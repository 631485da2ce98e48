using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Acceptance;

/// <summary><c>expect: broadcast</c> against the embedded server's broadcast mode: every delivery accounted for, on both sides.</summary>
public sealed class BroadcastTests
{
    [Fact]
    public async Task A_thousand_subscribers_on_ten_channels_get_every_message_of_ten_publishers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Broadcast }, timeout.Token);
        var scenario = Scenario(server, connections: 1_000, channels: 10) with { Thresholds = ["fanout.reach == 100%", "fanout.p99 < 1s", "fanout.missing == 0"] };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);

        var fanout = result.Summary.Fanout!;
        var messages = result.Summary.Messages;
        var stats = server.GetStats();
        Assert.Equal(1_000, result.Summary.Connections.Established);

        // Both sides: every message the publishers sent reached the server, and every delivery the server sent arrived.
        Assert.Equal(stats.MessagesIn, fanout.Published);
        Assert.Equal(0, stats.BroadcastDropped);
        Assert.Equal(stats.MessagesOut, messages.Received);

        // Every arrival is a due delivery, a duplicate, or one the subscriber was not due (published before its 101).
        Assert.Equal(messages.Received, fanout.Delivered + messages.Duplicated + fanout.Unexpected);
        Assert.True(fanout.Due > 10 * 10 * 100, $"only {fanout.Due} deliveries due"); // 10 publishers x 10/s x 100 subscribers, over more than a second
        Assert.Equal((fanout.Due, 0L, 0L, 0L), (fanout.Delivered, fanout.Missing, fanout.Excess, messages.Corrupted));
        Assert.Equal(100, fanout.ReachPercent);
        Assert.Equal(fanout.MessagesDue, fanout.MessagesAtFullReach);
        Assert.NotNull(fanout.LatencyMs);
        Assert.Equal(fanout.Delivered, fanout.LatencyMs!.Count);
        Assert.Equal(fanout.MessagesAtFullReach, fanout.CompleteMs!.Count);
        Assert.True(fanout.CompleteMs.P99 >= fanout.LatencyMs.P50);

        Assert.Equal(10, fanout.Channels.Count);
        Assert.All(fanout.Channels, c => Assert.Equal((100, 1), (c.PeakSubscribers, c.Publishers)));
        Assert.Equal(fanout.Due, result.Series.Sum(s => s.FanoutDue ?? 0));
        Assert.All(result.Thresholds, t => Assert.True(t.Passed, $"{t.Expression}: {t.Value}"));
        Assert.Empty(RunJsonSchema.Validate(RunResultJson.Serialize(result)));
    }

    [Fact]
    public async Task With_the_server_dropping_every_20th_delivery_the_missing_count_is_the_servers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await TargetServer.StartAsync(
            new TargetServerOptions { Mode = ServerMode.Broadcast, Faults = new ServerFaults { DropEvery = 20 } }, timeout.Token);

        // Every subscriber is in before the first publish, and publishers stop a timeout before the common close: every
        // delivery the server makes or drops is due to a subscriber, so the two sides count the same.
        var scenario = Scenario(server, connections: 1_000, channels: 10);
        scenario = scenario with
        {
            Connections = scenario.Connections with { Ramp = new RampOptions { Strategy = RampStrategy.Burst } },
            Messages = scenario.Messages with { StartDelay = TimeSpan.FromSeconds(2) },
            Thresholds = ["fanout.reach > 99%"],
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);

        var fanout = result.Summary.Fanout!;
        var stats = server.GetStats();
        Assert.Equal(1_000, result.Summary.Connections.Established);
        Assert.True(stats.BroadcastDroppedByFault > 100, $"the server dropped only {stats.BroadcastDroppedByFault}");
        Assert.Equal(stats.BroadcastDroppedByFault, fanout.Missing);
        Assert.Equal(stats.BroadcastDelivered, fanout.Delivered);
        Assert.Equal(fanout.Due, fanout.Delivered + fanout.Missing);
        Assert.Equal((0L, 0L), (fanout.Unexpected, fanout.Excess));
        Assert.InRange(fanout.ReachPercent!.Value, 94.9, 95.1); // every 20th of all deliveries
        Assert.False(Assert.Single(result.Thresholds).Passed);
        Assert.Equal(RunStatus.ThresholdsFailed, result.Status);
        Assert.Equal(
            stats.Channels.Where(c => c.Key.Length > 0).Sum(c => c.Value.DroppedByFault),
            fanout.Channels.Sum(c => c.Missing));
    }

    [Fact]
    public async Task Subscribers_dropped_mid_run_that_reconnect_are_due_only_what_was_published_while_they_were_there()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await TargetServer.StartAsync(
            new TargetServerOptions { Mode = ServerMode.Broadcast, Faults = new ServerFaults { DropAt = TimeSpan.FromSeconds(4), DropPercent = 30 } }, timeout.Token);
        var scenario = Scenario(server, connections: 500, channels: 5);
        scenario = scenario with
        {
            Connections = scenario.Connections with { Reconnect = new ReconnectOptions { Policy = ReconnectPolicy.Fixed, Delay = TimeSpan.FromMilliseconds(200) } },
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);

        var fanout = result.Summary.Fanout!;
        var messages = result.Summary.Messages;
        Assert.True(result.Summary.Connections.Dropped >= 100, $"only {result.Summary.Connections.Dropped} dropped");
        Assert.True(result.Summary.Recovery!.Reconnects >= 100, $"only {result.Summary.Recovery.Reconnects} reconnected");

        // No delivery counted twice or to a subscription the ledger does not know, and every arrival accounted for:
        // what a dropped subscriber missed while it was gone is not due to it, what it got on its new connection is.
        Assert.Equal(0, fanout.Excess);
        Assert.Equal(messages.Received, fanout.Delivered + messages.Duplicated + fanout.Unexpected);
        Assert.Equal(fanout.Due, fanout.Delivered + fanout.Missing);

        // Only what was in flight at the drops can be missing: a handful of deliveries to each dropped subscriber.
        Assert.True(fanout.Missing <= result.Summary.Connections.Dropped * 5, $"{fanout.Missing} missing for {result.Summary.Connections.Dropped} drops");
    }

    internal static Scenario Scenario(TargetServer server, int connections, int channels) => new()
    {
        Target = new TargetOptions { Url = new Uri(server.WebSocketUrl + $"?channel={{{{connectionId % {channels}}}}}") },
        Connections = new ConnectionOptions
        {
            Count = connections,
            Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(2) },
            Hold = TimeSpan.FromSeconds(5),
        },
        Messages = new MessageOptions
        {
            RatePerSecond = 10,
            Expect = ExpectMode.Broadcast,
            Timeout = TimeSpan.FromSeconds(1),
            Broadcast = new BroadcastOptions { Publishers = channels },
        },
    };
}
