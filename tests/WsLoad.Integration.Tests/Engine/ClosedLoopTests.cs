using WsLoad.Engine;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Engine;

/// <summary>The closed loop: a fixed number of messages in flight per connection, paced by the replies.</summary>
public sealed class ClosedLoopTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public async Task Each_connection_keeps_its_window_full_and_every_reply_is_correlated(int inFlight)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), timeout.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions { Count = 20, Ramp = new RampOptions { Duration = TimeSpan.Zero }, Hold = TimeSpan.FromSeconds(2) },
            Messages = new MessageOptions { InFlight = inFlight },
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);

        var messages = result.Summary.Messages;
        Assert.True(messages.Sent > 20 * inFlight * 10, $"sent {messages.Sent}: the loop did not keep going");
        Assert.Equal(messages.Sent, messages.Received);
        Assert.Equal(0, messages.Lost);
        Assert.Equal(0, messages.Duplicated);
        Assert.Equal(0, messages.OutOfOrder);

        // The server never sees more than the window from one connection: at most count × inFlight outstanding, so
        // what it received can exceed what we got back by at most that.
        Assert.InRange(server.GetStats().MessagesIn - messages.Received, 0, 20 * inFlight);
    }
}
