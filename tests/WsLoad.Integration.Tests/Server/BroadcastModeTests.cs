using System.Net.WebSockets;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

public class BroadcastModeTests
{
    private static readonly TargetServerOptions Broadcast = new() { Mode = ServerMode.Broadcast };

    [Fact]
    public async Task A_message_reaches_all_three_clients_including_the_sender()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(Broadcast, cts.Token);
        using var a = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        using var b = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        using var c = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        await server.WaitForConnectionsAsync(3, cts.Token);

        await TestClient.SendTextAsync(b, "news", cts.Token);

        Assert.Equal("news", await TestClient.ReceiveTextAsync(a, cts.Token));
        Assert.Equal("news", await TestClient.ReceiveTextAsync(b, cts.Token));
        Assert.Equal("news", await TestClient.ReceiveTextAsync(c, cts.Token));
    }

    [Fact]
    public async Task Channels_are_isolated_and_a_client_without_channel_reaches_everyone()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(Broadcast, cts.Token);
        using var red1 = await TestClient.ConnectAsync(TestClient.WithChannel(server.WebSocketUrl, "red"), cts.Token);
        using var red2 = await TestClient.ConnectAsync(TestClient.WithChannel(server.WebSocketUrl, "red"), cts.Token);
        using var blue = await TestClient.ConnectAsync(TestClient.WithChannel(server.WebSocketUrl, "blue"), cts.Token);
        await server.WaitForConnectionsAsync(3, cts.Token);

        await TestClient.SendTextAsync(red1, "to-red", cts.Token);
        Assert.Equal("to-red", await TestClient.ReceiveTextAsync(red1, cts.Token));
        Assert.Equal("to-red", await TestClient.ReceiveTextAsync(red2, cts.Token));

        await TestClient.SendTextAsync(blue, "to-blue", cts.Token);
        Assert.Equal("to-blue", await TestClient.ReceiveTextAsync(blue, cts.Token));

        using var everyone = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        await server.WaitForConnectionsAsync(4, cts.Token);
        await TestClient.SendTextAsync(everyone, "to-all", cts.Token);

        // Each client's queue is ordered, so a leaked "to-blue" or "to-red" would show up before "to-all".
        Assert.Equal("to-all", await TestClient.ReceiveTextAsync(red1, cts.Token));
        Assert.Equal("to-all", await TestClient.ReceiveTextAsync(red2, cts.Token));
        Assert.Equal("to-all", await TestClient.ReceiveTextAsync(blue, cts.Token));
        Assert.Equal("to-all", await TestClient.ReceiveTextAsync(everyone, cts.Token));
    }

    [Fact]
    public async Task A_client_that_never_reads_does_not_hold_up_the_others_and_its_drops_are_counted()
    {
        using var cts = TestClient.Timeout(40);
        const int Messages = 128;
        const int Size = 256 * 1024; // 32 MiB in all: more than loopback socket buffers can hide
        await using var server = await TargetServer.StartAsync(Broadcast with { SendQueueCapacity = 4 }, cts.Token);
        using var stalled = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        using var active = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        await server.WaitForConnectionsAsync(2, cts.Token);

        // The active client waits for each of its messages to come back before sending the next, so its own
        // queue never fills; the stalled client's queue must overflow without slowing that round trip down.
        var payload = new byte[Size];
        for (var i = 0; i < Messages; i++)
        {
            payload[0] = (byte)i;
            await active.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, cts.Token);
            var (data, _) = await TestClient.ReceiveAsync(active, cts.Token);
            Assert.Equal(Size, data.Length);
            Assert.Equal((byte)i, data[0]);
        }

        Assert.True(server.GetStats().BroadcastDropped > 0, "the stalled client's queue should have overflowed");
    }
}
