using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Measurement;

namespace WsLoad.Tests.Engine;

/// <summary>The engine against the embedded server on loopback, small and bounded.</summary>
public sealed class EngineEchoTests
{
    [Fact]
    public async Task Echo_run_connects_all_correlates_every_reply_and_reports_latency()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var targetServer = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = targetServer.WebSocketUrl },
            Connections = new ConnectionOptions
            {
                Count = 200,
                Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(1) },
                Hold = TimeSpan.FromSeconds(3),
            },
            Messages = new MessageOptions
            {
                RatePerSecond = 10,
                Types =
                [
                    new MessageType { Name = "chat", Weight = 3, Size = SizeSpec.Fixed(100) },
                    new MessageType { Name = "blob", Weight = 1, Format = PayloadFormat.Binary, Size = SizeSpec.Range(64, 2048) },
                ],
            },
            Thresholds = ["connect.success >= 100%", "messages.lost == 0"],
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason} {string.Join("; ", result.Thresholds.Select(t => $"{t.Expression}={t.Value} {t.Error}"))}");
        var connections = result.Summary.Connections;
        Assert.Equal(200, connections.Attempted);
        Assert.Equal(200, connections.Established);
        Assert.Equal(0, connections.Failed);
        Assert.Equal(0, connections.Dropped);
        Assert.Equal(200, connections.ClosedNormally);
        Assert.Equal(200, connections.Peak);
        Assert.Equal(100, result.Summary.Availability!.OverallPercent);
        Assert.Equal(0, result.Summary.Availability.Failures);

        var messages = result.Summary.Messages;
        var (planned, slack) = MeasurementRuns.PlannedSends(result, ratePerConnection: 10); // about 200 x 10/s x 3.5 s = 7,000
        Assert.InRange(messages.Sent, planned - slack, planned + slack);
        var server = targetServer.GetStats();
        Assert.Equal((messages.Sent, messages.Sent), (server.MessagesIn, server.MessagesOut)); // the server's own count
        Assert.Equal(messages.Sent, messages.Received);
        Assert.Equal(0, messages.Lost);
        Assert.Equal(0, messages.Corrupted);
        Assert.Equal(0, messages.Duplicated);
        Assert.Equal(messages.Sent, result.MessageTypes["chat"].Sent + result.MessageTypes["blob"].Sent);
        Assert.True(result.MessageTypes["blob"].Sent > 0);

        var rtt = result.Summary.LatencyMs.Rtt!;
        Assert.Equal(messages.Received, rtt.Count);
        Assert.True(rtt.P50 > 0 && rtt.P50 <= rtt.P99 && rtt.P99 <= rtt.Max);
        Assert.NotNull(result.Summary.LatencyMs.Connect);
        Assert.All(result.Thresholds, t => Assert.True(t.Passed, t.Expression + " " + t.Error));
        Assert.InRange(result.Series.Count, 4, 8);
        Assert.Equal(messages.Received, result.Series.Sum(s => s.Received));
    }
}
