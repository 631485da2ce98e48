using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

public class StatsEndpointTests
{
    [Fact]
    public async Task Stats_count_a_known_exchange_in_camel_case_json()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using (var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token))
        {
            for (var i = 0; i < 3; i++)
            {
                await TestClient.SendTextAsync(client, "0123456789", cts.Token);
                Assert.Equal("0123456789", await TestClient.ReceiveTextAsync(client, cts.Token));
            }

            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
        }

        await server.WaitForConnectionsAsync(0, cts.Token);
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.StatsUrl, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Server"), "no Server header");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));
        var stats = json.RootElement;
        Assert.Equal(0, stats.GetProperty("currentConnections").GetInt64());
        Assert.Equal(1, stats.GetProperty("totalAccepted").GetInt64());
        Assert.Equal(0, stats.GetProperty("upgradesRefused").GetInt64());
        Assert.Equal(3, stats.GetProperty("messagesIn").GetInt64());
        Assert.Equal(3, stats.GetProperty("messagesOut").GetInt64());
        Assert.Equal(30, stats.GetProperty("bytesIn").GetInt64());
        Assert.Equal(30, stats.GetProperty("bytesOut").GetInt64());

        // The process's GC pause total so far: it only grows, and a forced collection makes it grow.
        var pauseBefore = stats.GetProperty("gcPauseMilliseconds").GetDouble();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.True(server.GetStats().GcPauseMilliseconds > pauseBefore, $"{server.GetStats().GcPauseMilliseconds} after {pauseBefore}");
        Assert.Equal(Environment.ProcessId, stats.GetProperty("processId").GetInt32());
        // The same record, but for the GC pause total, which the forced collection above moved.
        Assert.Equal(server.GetStats() with { GcPauseMilliseconds = pauseBefore }, JsonSerializer.Deserialize<ServerStats>(stats, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task Health_is_ok_and_other_paths_are_not_found()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var http = new HttpClient { BaseAddress = server.StatsUrl };

        using var health = await http.GetAsync("/health", cts.Token);
        using var missing = await http.GetAsync("/nope", cts.Token);
        using var plainGetOnWebSocketPath = await http.GetAsync("/ws", cts.Token);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.UpgradeRequired, plainGetOnWebSocketPath.StatusCode);
    }

    [Fact]
    public async Task The_port_is_read_back_and_urls_point_at_it()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Path = "/echo" }, cts.Token);

        Assert.InRange(server.Port, 1, 65535);
        Assert.Equal(new Uri($"ws://127.0.0.1:{server.Port}/echo"), server.WebSocketUrl);
        Assert.Equal(new Uri($"http://127.0.0.1:{server.Port}/stats"), server.StatsUrl);
    }

    [Fact]
    public async Task Invalid_options_are_all_reported_before_binding()
    {
        var options = new TargetServerOptions { Port = -1, PushSize = 0, Faults = new ServerFaults { CloseCode = (WebSocketCloseStatus)1006 } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(options));

        Assert.Contains("Port", error.Message);
        Assert.Contains("PushSize", error.Message);
        Assert.Contains("CloseCode", error.Message);
    }
}
