using System.Text.Json;
using WsLoad.Server;
using WsLoad.Server.Group;
using WsLoad.Server.Hosting;
using WsLoad.Server.Stats;

namespace WsLoad.Tests.Server;

/// <summary>The group's /stats: every counter of its processes added up, broadcast channels by name.</summary>
public sealed class ServerStatsSumTests
{
    [Fact]
    public void The_new_broadcast_and_push_counts_add_up_and_channels_add_by_name()
    {
        var first = Stats(delivered: 10, droppedByFault: 2, pushSkipped: 3, new()
        {
            [ChannelStats.NoChannel] = new(1, 2, 3, 0, 1),
            ["red"] = new(2, 4, 7, 0, 1),
        });
        var second = Stats(delivered: 20, droppedByFault: 5, pushSkipped: 4, new()
        {
            ["red"] = new(3, 5, 12, 1, 2),
            ["blue"] = new(1, 1, 8, 0, 3),
        });

        var sum = ServerStatsSum.Add(first, second);

        Assert.Equal((30L, 7L, 7L), (sum.BroadcastDelivered, sum.BroadcastDroppedByFault, sum.PushSkipped));
        Assert.Equal(
            Dictionary(new()
            {
                [ChannelStats.NoChannel] = new(1, 2, 3, 0, 1),
                ["red"] = new(5, 9, 19, 1, 3),
                ["blue"] = new(1, 1, 8, 0, 3),
            }),
            sum.Channels);
        Assert.Equal(first.ProcessId, sum.ProcessId);
    }

    [Fact]
    public void Channels_survive_a_json_round_trip_and_compare_by_value()
    {
        var stats = Stats(delivered: 5, droppedByFault: 0, pushSkipped: 0, new()
        {
            [ChannelStats.NoChannel] = new(1, 1, 3, 0, 0),
            ["red"] = new(2, 1, 2, 0, 0),
        });

        var json = JsonSerializer.Serialize(stats, ServerJsonContext.Default.ServerStats);

        Assert.Contains("\"channels\":{\"\":{\"subscribers\":1,\"published\":1,\"delivered\":3,\"dropped\":0,\"droppedByFault\":0},\"red\":", json, StringComparison.Ordinal);
        Assert.Equal(stats, JsonSerializer.Deserialize(json, ServerJsonContext.Default.ServerStats));
        Assert.Equal(stats, JsonSerializer.Deserialize<ServerStats>(json, JsonSerializerOptions.Web));
        Assert.NotEqual(stats, stats with { Channels = ChannelStatsDictionary.Empty });
    }

    [Fact]
    public void Stats_without_channels_read_as_empty()
    {
        var json = JsonSerializer.Serialize(Stats(0, 0, 0, []), ServerJsonContext.Default.ServerStats).Replace(",\"channels\":{}", "", StringComparison.Ordinal);

        Assert.DoesNotContain("channels", json, StringComparison.Ordinal);
        Assert.Same(ChannelStatsDictionary.Empty, JsonSerializer.Deserialize<ServerStats>(json, JsonSerializerOptions.Web)!.Channels);
    }

    private static ServerStats Stats(long delivered, long droppedByFault, long pushSkipped, Dictionary<string, ChannelStats> channels) =>
        new ServerCounters().Snapshot(0) with
        {
            BroadcastDelivered = delivered,
            BroadcastDroppedByFault = droppedByFault,
            PushSkipped = pushSkipped,
            Channels = Dictionary(channels),
        };

    private static ChannelStatsDictionary Dictionary(Dictionary<string, ChannelStats> channels) => new(channels);
}
