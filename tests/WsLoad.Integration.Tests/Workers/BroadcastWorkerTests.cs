using WsLoad.Cli.Commands;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Acceptance;
using WsLoad.Workers;

namespace WsLoad.Tests.Workers;

/// <summary>A broadcast split over two real worker processes: a publisher in one, its subscribers in both, measured as one.</summary>
public sealed class BroadcastWorkerTests
{
    [Fact]
    public async Task A_publisher_in_one_worker_and_its_subscribers_in_both_count_what_the_server_counted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await TargetServer.StartAsync(
            new TargetServerOptions { Mode = ServerMode.Broadcast, Faults = new ServerFaults { DropEvery = 50 } }, cts.Token);

        // One channel, one publisher (connection 0, in worker-1's segment), 1,000 subscribers split over both workers;
        // all in before the first publish, so every delivery the server makes or drops is due to a subscriber.
        var scenario = BroadcastTests.Scenario(server, connections: 1_000, channels: 1);
        scenario = scenario with
        {
            Connections = scenario.Connections with { Ramp = new RampOptions { Strategy = RampStrategy.Burst } },
            Messages = scenario.Messages with { RatePerSecond = 20, StartDelay = TimeSpan.FromSeconds(2), Broadcast = new BroadcastOptions { Publishers = 1 } },
        };
        var options = new LoadTestOptions { Workers = 2, WorkerLauncher = WorkerCommand.Launch, CommandLine = "test" };
        var controller = new WorkerController(scenario, options, WorkerCommand.Launch) { Received = new() };

        var result = await controller.RunAsync(cts.Token);

        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        var fanout = result.Summary.Fanout!;
        var stats = server.GetStats();
        var workers = result.Workers!;
        Assert.Equal([20L, 0L], workers.Select(w => w.Sent > 0 ? 20L : 0L)); // only worker-1 published
        Assert.All(workers, w => Assert.True(w.Received > 1_000, $"{w.Name} received {w.Received}"));

        // The premise first: no delivery came before its subscriber's 101 or after its end (else the server's drops
        // could include some to subscribers not due them, which the client rightly does not count as missing).
        Assert.Equal((0L, 0L), (fanout.Unexpected, fanout.Excess));
        Assert.Equal(stats.MessagesIn, fanout.Published);
        Assert.Equal(stats.MessagesOut, result.Summary.Messages.Received);
        Assert.Equal(stats.BroadcastDelivered, fanout.Delivered);
        Assert.True(stats.BroadcastDroppedByFault > 0);
        Assert.Equal(stats.BroadcastDroppedByFault, fanout.Missing);
        Assert.Equal(fanout.Due, fanout.Delivered + fanout.Missing);
        Assert.Equal(1_000, Assert.Single(fanout.Channels).PeakSubscribers);
        Assert.Empty(RunJsonSchema.Validate(RunResultJson.Serialize(result)));
    }
}
