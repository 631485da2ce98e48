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
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Push, PushRatePerSecond = 10 }, timeout.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions { Count = 20, Ramp = new RampOptions { Duration = TimeSpan.Zero }, Hold = TimeSpan.FromSeconds(2) },
            Messages = new MessageOptions { RatePerSecond = 1, Expect = ExpectMode.None },
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);

        var messages = result.Summary.Messages;
        Assert.Equal(20, result.Summary.Connections.Established);
        Assert.True(messages.Received >= 20, $"received {messages.Received} pushed messages");
        Assert.True(messages.BytesReceived >= messages.Received * 50);
        Assert.Equal(0, messages.Lost);
        Assert.Equal(0, messages.Corrupted);
        Assert.Null(result.Summary.LatencyMs.Rtt);
    }
}
