using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WsLoad.Server;
using WsLoad.Server.Modes;

namespace WsLoad.Tests.Server;

public class PushModeTests
{
    [Fact]
    public async Task Pushed_messages_are_sized_json_with_continuous_seq_from_one()
    {
        using var cts = TestClient.Timeout();
        var options = new TargetServerOptions { Mode = ServerMode.Push, PushRatePerSecond = 50, PushSize = 100 };
        await using var server = await TargetServer.StartAsync(options, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        for (var expected = 1L; expected <= 20; expected++)
        {
            var (data, type) = await TestClient.ReceiveAsync(client, cts.Token);
            Assert.Equal(WebSocketMessageType.Text, type);
            Assert.Equal(100, data.Length);
            using var json = JsonDocument.Parse(data);
            Assert.Equal(expected, json.RootElement.GetProperty("seq").GetInt64());
            Assert.True(json.RootElement.GetProperty("sentAtUnixUs").GetInt64() > 1_600_000_000_000_000, "sentAtUnixUs should be a Unix time in µs");
            Assert.Matches("^x*$", json.RootElement.GetProperty("pad").GetString());
        }
    }

    [Fact]
    public async Task The_rate_is_honoured_on_the_injected_clock()
    {
        using var cts = TestClient.Timeout();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 27, 6, 20, 0, TimeSpan.Zero));
        var options = new TargetServerOptions { Mode = ServerMode.Push, PushRatePerSecond = 10, TimeProvider = clock };
        await using var server = await TargetServer.StartAsync(options, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        await server.WaitForConnectionsAsync(1, cts.Token);

        clock.Advance(TimeSpan.FromSeconds(1)); // due: floor(1 s × 10/s) + 1 (the first goes out at once) = 11
        var expectedSentAt = PushMessageWriter.ToUnixMicroseconds(clock.GetUtcNow());
        for (var seq = 1L; seq <= 11; seq++)
        {
            using var json = JsonDocument.Parse((await TestClient.ReceiveAsync(client, cts.Token)).Data);
            Assert.Equal(seq, json.RootElement.GetProperty("seq").GetInt64());
            Assert.Equal(expectedSentAt, json.RootElement.GetProperty("sentAtUnixUs").GetInt64());
        }

        clock.Advance(TimeSpan.FromSeconds(0.5)); // 5 more
        for (var seq = 12L; seq <= 16; seq++)
        {
            using var json = JsonDocument.Parse((await TestClient.ReceiveAsync(client, cts.Token)).Data);
            Assert.Equal(seq, json.RootElement.GetProperty("seq").GetInt64());
        }

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
        await server.WaitForConnectionsAsync(0, cts.Token);
        Assert.Equal(16, server.GetStats().MessagesOut);
    }

    [Fact]
    public async Task Push_skip_every_leaves_exactly_the_multiples_out_and_counts_them()
    {
        using var cts = TestClient.Timeout();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 27, 6, 20, 0, TimeSpan.Zero));
        var options = new TargetServerOptions { Mode = ServerMode.Push, PushRatePerSecond = 10, PushSkipEvery = 3, TimeProvider = clock };
        await using var server = await TargetServer.StartAsync(options, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        await server.WaitForConnectionsAsync(1, cts.Token);

        clock.Advance(TimeSpan.FromSeconds(1)); // 11 messages due; numbers 3, 6, 9, 12 and 15 are skipped on the way
        var seqs = new List<long>();
        for (var i = 0; i < 11; i++)
        {
            using var json = JsonDocument.Parse((await TestClient.ReceiveAsync(client, cts.Token)).Data);
            seqs.Add(json.RootElement.GetProperty("seq").GetInt64());
        }

        Assert.Equal([1L, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16], seqs);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
        await server.WaitForConnectionsAsync(0, cts.Token);
        Assert.Equal((11L, 5L), (server.GetStats().MessagesOut, server.GetStats().PushSkipped));

        using var http = new HttpClient();
        using var stats = JsonDocument.Parse(await http.GetStringAsync(server.StatsUrl, cts.Token));
        Assert.Equal(5, stats.RootElement.GetProperty("pushSkipped").GetInt64());
    }

    [Fact]
    public async Task Push_skip_every_needs_push_mode_and_at_least_two()
    {
        using var cts = TestClient.Timeout();
        var one = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Push, PushSkipEvery = 1 }, cts.Token));
        var echo = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(new TargetServerOptions { PushSkipEvery = 3 }, cts.Token));

        Assert.Contains("PushSkipEvery must be at least 2 (1 would skip every number), got 1.", one.Message, StringComparison.Ordinal);
        Assert.Contains("PushSkipEvery needs push mode, not Echo.", echo.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1764224400123456, 100)]
    [InlineData(123456789, 1, 64)]
    [InlineData(42, 1764224400123456, 10)] // smaller than the unpadded JSON: unpadded
    public void Push_message_is_valid_json_of_the_requested_size(long seq, long sentAt, int size)
    {
        var buffer = new byte[Math.Max(size, PushMessageWriter.MaxUnpaddedLength)];

        var length = PushMessageWriter.Write(buffer, seq, sentAt, size);

        using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
        Assert.Equal(seq, json.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(sentAt, json.RootElement.GetProperty("sentAtUnixUs").GetInt64());
        var unpadded = $"{{\"seq\":{seq},\"sentAtUnixUs\":{sentAt},\"pad\":\"\"}}".Length;
        Assert.Equal(Math.Max(size, unpadded), length);
    }

    [Fact]
    public void Push_message_has_the_documented_shape()
    {
        var buffer = new byte[PushMessageWriter.MaxUnpaddedLength + 10];

        var length = PushMessageWriter.Write(buffer, 123, 1764224400123456, 56);

        Assert.Equal("{\"seq\":123,\"sentAtUnixUs\":1764224400123456,\"pad\":\"xxxx\"}", System.Text.Encoding.UTF8.GetString(buffer, 0, length));
    }
}
