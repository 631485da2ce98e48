using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Acceptance;

/// <summary><c>expect: push</c> against the embedded server's push mode: its numbered stream, gaps and all, as the server sent it.</summary>
public sealed class PushTests
{
    [Fact]
    public async Task A_server_that_skips_every_fifth_number_shows_exactly_those_gaps()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var server = await TargetServer.StartAsync(
            new TargetServerOptions { Mode = ServerMode.Push, PushRatePerSecond = 20, PushSkipEvery = 5 }, timeout.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions { Count = 50, Ramp = new RampOptions { Duration = TimeSpan.FromSeconds(1) }, Hold = TimeSpan.FromSeconds(3) },
            Messages = new MessageOptions { Expect = ExpectMode.Push, Push = new PushOptions { TimestampField = "sentAtUnixUs" } },
            Thresholds = ["push.gaps == 0"],
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);

        var push = result.Summary.Push!;
        var stats = server.GetStats();
        Assert.Equal(50, result.Summary.Connections.Established);
        Assert.True(stats.PushSkipped > 50, $"the server skipped only {stats.PushSkipped}");
        Assert.Equal(stats.MessagesOut, push.Received);
        Assert.Equal(stats.PushSkipped, push.Gaps);
        Assert.Equal((0L, 0L, 0L), (result.Summary.Messages.Duplicated, result.Summary.Messages.OutOfOrder, result.Summary.Messages.Corrupted));
        Assert.InRange(push.DeliveredPercent!.Value, 79, 81.5); // 4 of every 5 numbers, give or take each stream's last few

        // 20 a second, one number in five skipped: about 50 ms between arrivals, 100 ms across a gap.
        Assert.Equal(push.Received - 50, push.InterArrivalMs!.Count);
        Assert.InRange(push.InterArrivalMs.P50, 40, 60);
        Assert.NotNull(push.LatencyMs);
        Assert.Equal(push.Received, push.LatencyMs!.Count);
        Assert.Contains("wall clock", push.ClockBasis, StringComparison.Ordinal);
        Assert.False(Assert.Single(result.Thresholds).Passed);
        Assert.Empty(RunJsonSchema.Validate(RunResultJson.Serialize(result)));
    }
}
