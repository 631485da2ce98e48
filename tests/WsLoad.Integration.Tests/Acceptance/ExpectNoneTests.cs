using WsLoad.Engine;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Acceptance;

/// <summary>Fire and forget: nothing is expected back, and what arrives (server push here) is counted.</summary>
public sealed class ExpectNoneTests
{
    [Fact]
    public async Task Push_messages_are_counted_and_nothing_sent_is_called_lost()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var pushServer = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Push, PushRatePerSecond = 10 }, timeout.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = pushServer.WebSocketUrl },
            Connections = new ConnectionOptions { Count = 20, Ramp = new RampOptions { Duration = TimeSpan.Zero }, Hold = TimeSpan.FromSeconds(2) },
            Messages = new MessageOptions { RatePerSecond = 1, Expect = ExpectMode.None },
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);

        var messages = result.Summary.Messages;
        Assert.Equal(20, result.Summary.Connections.Established);
        var server = pushServer.GetStats();
        Assert.True(server.MessagesOut >= 20 * 10, $"the server pushed {server.MessagesOut}: fewer than a second's worth"); // 20 connections x 10/s x 2 s
        Assert.Equal(0, server.PushDropped);
        Assert.Equal((server.MessagesOut, server.BytesOut), (messages.Received, messages.BytesReceived)); // every push arrived and was counted
        Assert.Equal(server.MessagesIn, messages.Sent); // and what was sent reached the server, though nothing was expected back
        Assert.Equal(0, messages.Lost);
        Assert.Equal(0, messages.Corrupted);
        Assert.Null(result.Summary.LatencyMs.Rtt);
    }
}
