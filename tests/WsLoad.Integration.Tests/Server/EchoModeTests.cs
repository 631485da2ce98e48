using System.Net.WebSockets;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

public class EchoModeTests
{
    [Fact]
    public async Task Text_message_comes_back_unchanged()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        await TestClient.SendTextAsync(client, "héllo, wörld", cts.Token);

        Assert.Equal("héllo, wörld", await TestClient.ReceiveTextAsync(client, cts.Token));
    }

    [Fact]
    public async Task Binary_message_comes_back_unchanged_and_binary()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        byte[] payload = [0, 1, 2, 255, 254, 0, 42];

        await client.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, cts.Token);

        var (data, type) = await TestClient.ReceiveAsync(client, cts.Token);
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(payload, data);
    }

    [Fact]
    public async Task Large_message_sent_in_fragments_comes_back_whole_and_exact()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        var payload = new byte[200_000];
        new Random(7).NextBytes(payload);

        const int Fragment = 16 * 1024;
        for (var offset = 0; offset < payload.Length; offset += Fragment)
        {
            var length = Math.Min(Fragment, payload.Length - offset);
            var last = offset + length == payload.Length;
            await client.SendAsync(payload.AsMemory(offset, length), WebSocketMessageType.Binary, last, cts.Token);
        }

        var (data, type) = await TestClient.ReceiveAsync(client, cts.Token);
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(payload, data);
        Assert.Equal(1, server.GetStats().MessagesIn);
    }

    [Fact]
    public async Task Messages_come_back_in_order_and_a_small_one_after_a_large_one_is_intact()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        var big = new string('b', 100_000);

        await TestClient.SendTextAsync(client, "one", cts.Token);
        await TestClient.SendTextAsync(client, big, cts.Token);
        await TestClient.SendTextAsync(client, "three", cts.Token);

        Assert.Equal("one", await TestClient.ReceiveTextAsync(client, cts.Token));
        Assert.Equal(big, await TestClient.ReceiveTextAsync(client, cts.Token));
        Assert.Equal("three", await TestClient.ReceiveTextAsync(client, cts.Token));
    }

    [Fact]
    public async Task The_first_requested_subprotocol_is_accepted()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token, options =>
        {
            options.AddSubProtocol("chat.v2");
            options.AddSubProtocol("chat.v1");
        });

        Assert.Equal("chat.v2", client.SubProtocol);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_1009()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { MaxMessageBytes = 10_000 }, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        await client.SendAsync(new byte[20_000], WebSocketMessageType.Binary, endOfMessage: true, cts.Token);
        var received = await TestClient.ReceiveUntilCloseAsync(client, cts.Token);

        Assert.Empty(received);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
    }
}
