using System.Net.WebSockets;
using System.Text.Json;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

/// <summary>
/// Broadcast mode's counts at <c>/stats</c>, per channel and in all, against what real clients sent and received: exact,
/// with and without the drop fault, so a client's fan-out accounting can be checked against them.
/// </summary>
public sealed class BroadcastAccountingTests
{
    private const int ClientsPerChannel = 4;
    private const int MessagesPerClient = 5;
    private static readonly string[] ChannelNames = ["red", "green", "blue"];

    [Fact]
    public async Task Each_channel_counts_its_subscribers_messages_and_deliveries_exactly()
    {
        using var cts = TestClient.Timeout(30);
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Broadcast }, cts.Token);
        var channels = await ConnectChannelsAsync(server, cts.Token);

        await PublishAsync(channels, cts.Token);

        // Every client gets every message of its channel, its own included, and nothing else.
        const int PerChannel = ClientsPerChannel * MessagesPerClient;
        foreach (var (name, clients) in channels)
        {
            foreach (var client in clients)
            {
                for (var i = 0; i < PerChannel; i++)
                {
                    Assert.StartsWith(name + ":", await TestClient.ReceiveTextAsync(client, cts.Token), StringComparison.Ordinal);
                }
            }
        }

        // Delivered counts a delivery once its send is done, which may be just after the client has read it.
        var stats = await WaitForStatsAsync(server, s => s.BroadcastDelivered == ChannelNames.Length * PerChannel * ClientsPerChannel, cts.Token);
        Assert.Equal(["blue", "green", "red"], stats.Channels.Keys); // in name order
        foreach (var name in ChannelNames)
        {
            Assert.Equal(new ChannelStats(ClientsPerChannel, PerChannel, PerChannel * ClientsPerChannel, 0, 0), stats.Channels[name]);
        }

        Assert.Equal((0L, 0L), (stats.BroadcastDropped, stats.BroadcastDroppedByFault));

        // Subscribers are the clients connected now.
        foreach (var client in channels["green"])
        {
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
        }

        await server.WaitForConnectionsAsync(ChannelNames.Length * ClientsPerChannel - ClientsPerChannel, cts.Token);
        Assert.Equal(0, server.GetStats().Channels["green"].Subscribers);
        Assert.Equal(ClientsPerChannel, server.GetStats().Channels["red"].Subscribers);
        Dispose(channels);
    }

    [Fact]
    public async Task The_drop_fault_swallows_every_fifth_delivery_and_counts_exactly_what_the_clients_missed()
    {
        using var cts = TestClient.Timeout(30);
        var options = new TargetServerOptions { Mode = ServerMode.Broadcast, Faults = new ServerFaults { DropEvery = 5 } };
        await using var server = await TargetServer.StartAsync(options, cts.Token);
        var channels = await ConnectChannelsAsync(server, cts.Token);

        await PublishAsync(channels, cts.Token);

        // Wait until every delivery is either sent or dropped, then clear the fault and send each channel an end marker:
        // a recipient's deliveries keep their order, so what a client reads before its marker is all it got.
        const int PerChannel = ClientsPerChannel * MessagesPerClient * ClientsPerChannel;
        var stats = await WaitForStatsAsync(server, s => s.BroadcastDelivered + s.BroadcastDroppedByFault == ChannelNames.Length * PerChannel, cts.Token);
        server.SetFaults(ServerFaults.None);
        foreach (var (_, clients) in channels)
        {
            await TestClient.SendTextAsync(clients[0], "end", cts.Token);
        }

        Assert.Equal(ChannelNames.Length * PerChannel / 5, stats.BroadcastDroppedByFault); // every 5th of the server's 240
        foreach (var (name, clients) in channels)
        {
            var received = 0;
            foreach (var client in clients)
            {
                while (await TestClient.ReceiveTextAsync(client, cts.Token) != "end")
                {
                    received++;
                }
            }

            var channel = stats.Channels[name];
            Assert.Equal(((long)ClientsPerChannel, (long)ClientsPerChannel * MessagesPerClient, 0L), (channel.Subscribers, channel.Published, channel.Dropped));
            Assert.Equal(PerChannel, channel.Delivered + channel.DroppedByFault);
            Assert.Equal(received, channel.Delivered);
        }

        Dispose(channels);
    }

    [Fact]
    public async Task Clients_without_a_channel_are_counted_under_the_empty_name_and_reach_everyone()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Broadcast }, cts.Token);
        using var red1 = await TestClient.ConnectAsync(TestClient.WithChannel(server.WebSocketUrl, "red"), cts.Token);
        using var red2 = await TestClient.ConnectAsync(TestClient.WithChannel(server.WebSocketUrl, "red"), cts.Token);
        using var everyone = await TestClient.ConnectAsync(TestClient.WithChannel(server.WebSocketUrl, ""), cts.Token); // empty: no channel
        await server.WaitForConnectionsAsync(3, cts.Token);

        // One message at a time: two senders' messages reach a shared receiver in no set order.
        await TestClient.SendTextAsync(everyone, "to-all", cts.Token);
        foreach (var client in new[] { red1, red2, everyone })
        {
            Assert.Equal("to-all", await TestClient.ReceiveTextAsync(client, cts.Token));
        }

        await TestClient.SendTextAsync(red1, "to-red", cts.Token);
        foreach (var client in new[] { red1, red2 })
        {
            Assert.Equal("to-red", await TestClient.ReceiveTextAsync(client, cts.Token));
        }

        var stats = await WaitForStatsAsync(server, s => s.BroadcastDelivered == 5, cts.Token);
        Assert.Equal(new ChannelStats(1, 1, 3, 0, 0), stats.Channels[ChannelStats.NoChannel]);
        Assert.Equal(new ChannelStats(2, 1, 2, 0, 0), stats.Channels["red"]);

        // At /stats, the existing fields keep their names and the channels are an object keyed by name.
        using var http = new HttpClient();
        using var json = JsonDocument.Parse(await http.GetStringAsync(server.StatsUrl, cts.Token));
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("broadcastDelivered").GetInt64());
        Assert.Equal(0, root.GetProperty("broadcastDropped").GetInt64());
        Assert.Equal(0, root.GetProperty("broadcastDroppedByFault").GetInt64());
        var noChannel = root.GetProperty("channels").GetProperty("");
        Assert.Equal((1L, 1L, 3L, 0L, 0L), (noChannel.GetProperty("subscribers").GetInt64(), noChannel.GetProperty("published").GetInt64(),
            noChannel.GetProperty("delivered").GetInt64(), noChannel.GetProperty("dropped").GetInt64(), noChannel.GetProperty("droppedByFault").GetInt64()));
        Assert.Equal(2, root.GetProperty("channels").GetProperty("red").GetProperty("subscribers").GetInt64());
        Assert.Equal(stats, JsonSerializer.Deserialize<ServerStats>(json.RootElement, JsonSerializerOptions.Web)! with { GcPauseMilliseconds = stats.GcPauseMilliseconds });
    }

    /// <summary>ClientsPerChannel clients on each of the channels, all connected.</summary>
    private static async Task<Dictionary<string, List<ClientWebSocket>>> ConnectChannelsAsync(TargetServer server, CancellationToken cancellationToken)
    {
        var channels = new Dictionary<string, List<ClientWebSocket>>(StringComparer.Ordinal);
        foreach (var name in ChannelNames)
        {
            channels[name] = [];
            for (var i = 0; i < ClientsPerChannel; i++)
            {
                channels[name].Add(await TestClient.ConnectAsync(TestClient.WithChannel(server.WebSocketUrl, name), cancellationToken));
            }
        }

        await server.WaitForConnectionsAsync(ChannelNames.Length * ClientsPerChannel, cancellationToken);
        return channels;
    }

    /// <summary>Every client publishes MessagesPerClient messages to its channel, "channel:client:n", all clients at once.</summary>
    private static Task PublishAsync(Dictionary<string, List<ClientWebSocket>> channels, CancellationToken cancellationToken) =>
        Task.WhenAll(channels.SelectMany(channel => channel.Value.Select(async (client, index) =>
        {
            for (var n = 0; n < MessagesPerClient; n++)
            {
                await TestClient.SendTextAsync(client, $"{channel.Key}:{index}:{n}", cancellationToken);
            }
        })));

    private static async Task<ServerStats> WaitForStatsAsync(TargetServer server, Func<ServerStats, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stats = server.GetStats();
            if (done(stats))
            {
                return stats;
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    private static void Dispose(Dictionary<string, List<ClientWebSocket>> channels)
    {
        foreach (var client in channels.Values.SelectMany(clients => clients))
        {
            client.Dispose();
        }
    }
}
