using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

/// <summary>The echo reply faults (drop, corrupt, duplicate, delay, stall) seen by a plain ClientWebSocket.</summary>
public sealed class ReplyFaultTests
{
    [Fact]
    public async Task Drop_every_third_swallows_exactly_those_replies()
    {
        var (replies, stats) = await EchoAsync(new ServerFaults { DropEvery = 3 }, "1", "2", "3", "4", "5", "6", "7");

        Assert.Equal(["1", "2", "4", "5", "7"], replies);
        Assert.Equal(2, stats.RepliesDropped);
        Assert.Equal(5, stats.MessagesOut);
    }

    [Fact]
    public async Task Corrupt_every_second_flips_the_lowest_bit_of_the_last_byte()
    {
        var (replies, stats) = await EchoAsync(new ServerFaults { CorruptEvery = 2 }, "ab", "cd", "ef", "gh", "é");

        Assert.Equal(["ab", "ce", "ef", "gi", "é"], replies);
        Assert.Equal(2, stats.RepliesCorrupted);
    }

    [Fact]
    public async Task Corrupting_a_multibyte_character_keeps_the_text_valid_utf8()
    {
        // "é" is C3 A9; flipping the final byte gives C3 A8, "è": still valid, so the client does not close with 1007.
        var (replies, _) = await EchoAsync(new ServerFaults { CorruptEvery = 1 }, "café");

        Assert.Equal(["cafè"], replies);
    }

    [Fact]
    public async Task Duplicate_every_second_sends_those_replies_twice_in_a_row()
    {
        var (replies, stats) = await EchoAsync(new ServerFaults { DuplicateEvery = 2 }, "1", "2", "3", "4", "5");

        Assert.Equal(["1", "2", "2", "3", "4", "4", "5"], replies);
        Assert.Equal(2, stats.RepliesDuplicated);
        Assert.Equal(7, stats.MessagesOut);
    }

    [Fact]
    public async Task Drop_corrupt_and_duplicate_each_count_only_what_the_earlier_faults_left_untouched()
    {
        // Drop sees 1..8 and takes 2,4,6,8; corrupt sees 1,3,5,7 and takes 3,7; duplicate sees 1,5 and takes 5.
        var (replies, stats) = await EchoAsync(
            new ServerFaults { DropEvery = 2, CorruptEvery = 2, DuplicateEvery = 2 }, "a", "b", "c", "d", "e", "f", "g", "h");

        Assert.Equal(["a", "b", "e", "e", "f"], replies); // 'c' ^ 1 = 'b', 'g' ^ 1 = 'f'
        Assert.Equal((4, 2, 1), (stats.RepliesDropped, stats.RepliesCorrupted, stats.RepliesDuplicated));
    }

    [Fact]
    public async Task Reply_delay_holds_each_reply_at_least_that_long_and_keeps_binary_frames_binary()
    {
        using var cts = TestClient.Timeout();
        var delay = TimeSpan.FromMilliseconds(150);
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = new ServerFaults { ReplyDelay = delay } }, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        var clock = Stopwatch.StartNew();
        await client.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, endOfMessage: true, cts.Token);
        var (data, type) = await TestClient.ReceiveAsync(client, cts.Token);

        Assert.True(clock.Elapsed >= delay, $"reply came after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal([1, 2, 3], data);
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(1, server.GetStats().RepliesDelayed);
    }

    [Fact]
    public async Task Random_reply_delays_never_reorder_a_connections_replies()
    {
        var faults = new ServerFaults { ReplyDelay = TimeSpan.Zero, ReplyDelayMax = TimeSpan.FromMilliseconds(30) };
        var sent = Enumerable.Range(1, 60).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var (replies, stats) = await EchoAsync(faults, sent);

        Assert.Equal(sent, replies);
        Assert.Equal(60, stats.RepliesDelayed);
    }

    [Fact]
    public async Task A_stall_holds_every_reply_then_sends_them_in_order()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        var stall = TimeSpan.FromMilliseconds(500);

        var clock = Stopwatch.StartNew();
        server.Stall(stall);
        foreach (var text in new[] { "1", "2", "3" })
        {
            await TestClient.SendTextAsync(client, text, cts.Token);
        }

        var replies = new[] { await TestClient.ReceiveTextAsync(client, cts.Token), await TestClient.ReceiveTextAsync(client, cts.Token), await TestClient.ReceiveTextAsync(client, cts.Token) };

        Assert.True(clock.Elapsed >= stall, $"first replies came after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(["1", "2", "3"], replies);
        var stats = server.GetStats();
        Assert.Equal((3, 1, 500), (stats.RepliesStalled, stats.Stalls, stats.StalledMilliseconds));
        await TestClient.SendTextAsync(client, "after", cts.Token);
        Assert.Equal("after", await TestClient.ReceiveTextAsync(client, cts.Token)); // answered directly again
    }

    [Fact]
    public async Task Replies_held_when_the_client_closes_are_sent_before_the_close_is_answered()
    {
        using var cts = TestClient.Timeout();
        var faults = new ServerFaults { ReplyDelay = TimeSpan.FromMilliseconds(100) };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        await TestClient.SendTextAsync(client, "1", cts.Token);
        await TestClient.SendTextAsync(client, "2", cts.Token);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);

        Assert.Equal(["1", "2"], await TestClient.ReceiveUntilCloseAsync(client, cts.Token));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    [Fact]
    public async Task Scheduled_stall_starts_on_the_server_clock_and_a_second_stall_extends_it()
    {
        using var cts = TestClient.Timeout();
        var time = new FakeTimeProvider();
        var faults = new ServerFaults { StallAt = TimeSpan.FromSeconds(5), StallFor = TimeSpan.FromSeconds(1) };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults, TimeProvider = time }, cts.Token);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, server.GetStats().Stalls);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((1, 1000), (server.GetStats().Stalls, server.GetStats().StalledMilliseconds));

        server.Stall(TimeSpan.FromSeconds(3)); // runs to 8 s instead of 6 s: 2 s more, same stall
        Assert.Equal((1, 3000), (server.GetStats().Stalls, server.GetStats().StalledMilliseconds));
        time.Advance(TimeSpan.FromSeconds(3));
        server.Stall(TimeSpan.FromMilliseconds(250)); // the first one ended: a new stall
        Assert.Equal((2, 3250), (server.GetStats().Stalls, server.GetStats().StalledMilliseconds));
    }

    [Fact]
    public async Task Admin_stall_endpoint_stalls_the_server_and_checks_its_input()
    {
        using var cts = TestClient.Timeout();
        var time = new FakeTimeProvider();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { TimeProvider = time }, cts.Token);
        using var http = new HttpClient();
        var stall = new Uri(server.StatsUrl, "/admin/stall?seconds=2.5");

        using var accepted = await http.PostAsync(stall, null, cts.Token);
        using var badValue = await http.PostAsync(new Uri(server.StatsUrl, "/admin/stall?seconds=-1"), null, cts.Token);
        using var missing = await http.PostAsync(new Uri(server.StatsUrl, "/admin/stall"), null, cts.Token);
        using var wrongMethod = await http.GetAsync(stall, cts.Token);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badValue.StatusCode, missing.StatusCode));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal((1, 2500), (server.GetStats().Stalls, server.GetStats().StalledMilliseconds));
    }

    [Fact]
    public async Task Only_echo_mode_takes_reply_faults_or_stalls()
    {
        using var cts = TestClient.Timeout();
        var invalid = new TargetServerOptions { Mode = ServerMode.Broadcast, Faults = new ServerFaults { CorruptEvery = 2 } };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(invalid, cts.Token));
        Assert.Contains("need echo mode", error.Message, StringComparison.Ordinal);

        // The drop fault also drops broadcast deliveries, but push mode has nothing it could drop.
        var dropInPush = new TargetServerOptions { Mode = ServerMode.Push, Faults = new ServerFaults { DropEvery = 2 } };
        error = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(dropInPush, cts.Token));
        Assert.Contains("DropEvery needs echo, ack or broadcast mode, not Push.", error.Message, StringComparison.Ordinal);

        await using var push = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Push }, cts.Token);
        Assert.Throws<InvalidOperationException>(() => push.Stall(TimeSpan.FromSeconds(1)));
        using var http = new HttpClient();
        using var refused = await http.PostAsync(new Uri(push.StatsUrl, "/admin/stall?seconds=1"), null, cts.Token);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Invalid_reply_fault_values_are_all_reported()
    {
        using var cts = TestClient.Timeout();
        var faults = new ServerFaults
        {
            ReplyDelay = TimeSpan.FromMilliseconds(50),
            ReplyDelayMax = TimeSpan.FromMilliseconds(10),
            StallAt = TimeSpan.FromSeconds(-1),
            StallFor = TimeSpan.Zero,
            DropEvery = 0,
            CorruptEvery = -1,
            DuplicateEvery = 0,
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token));

        foreach (var name in new[] { "ReplyDelayMax", "StallAt", "StallFor", "DropEvery", "CorruptEvery", "DuplicateEvery" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Sends the texts on one connection, closes, and returns every reply that came before the server's close.</summary>
    private static async Task<(List<string> Replies, ServerStats Stats)> EchoAsync(ServerFaults faults, params string[] texts)
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        foreach (var text in texts)
        {
            await TestClient.SendTextAsync(client, text, cts.Token);
        }

        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
        var replies = await TestClient.ReceiveUntilCloseAsync(client, cts.Token);
        await server.WaitForConnectionsAsync(0, cts.Token);
        return (replies, server.GetStats());
    }
}
