using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

public class ServerFaultTests
{
    [Fact]
    public async Task Refused_upgrade_shows_the_http_status_to_the_client()
    {
        using var cts = TestClient.Timeout();
        var options = new TargetServerOptions { Faults = new ServerFaults { RefuseUpgradeStatus = 503 } };
        await using var server = await TargetServer.StartAsync(options, cts.Token);
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(server.WebSocketUrl, cts.Token));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, client.HttpStatusCode);
        var stats = server.GetStats();
        Assert.Equal(1, stats.UpgradesRefused);
        Assert.Equal(0, stats.TotalAccepted);
    }

    [Fact]
    public async Task Refusal_starts_after_the_allowed_number_of_connections()
    {
        using var cts = TestClient.Timeout();
        var options = new TargetServerOptions { Faults = new ServerFaults { RefuseUpgradeStatus = 403, RefuseAfterConnections = 2 } };
        await using var server = await TargetServer.StartAsync(options, cts.Token);
        using var first = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        using var second = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        using var third = new ClientWebSocket();
        third.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => third.ConnectAsync(server.WebSocketUrl, cts.Token));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, third.HttpStatusCode);
        Assert.Equal(WebSocketState.Open, second.State);
        Assert.Equal(2, server.GetStats().TotalAccepted);
    }

    [Fact]
    public async Task Connection_is_closed_with_1011_after_the_configured_message_count()
    {
        using var cts = TestClient.Timeout();
        var faults = new ServerFaults { CloseAfterMessages = 2, CloseCode = WebSocketCloseStatus.InternalServerError, CloseReason = "enough" };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        await TestClient.SendTextAsync(client, "1", cts.Token);
        await TestClient.SendTextAsync(client, "2", cts.Token);
        var received = await TestClient.ReceiveUntilCloseAsync(client, cts.Token);

        Assert.Equal(["1", "2"], received); // the Nth message is still answered
        Assert.Equal(WebSocketCloseStatus.InternalServerError, client.CloseStatus);
        Assert.Equal("enough", client.CloseStatusDescription);
        await server.WaitForConnectionsAsync(0, cts.Token);
        Assert.Equal(1, server.GetStats().ClosedByFault);
    }

    [Fact]
    public async Task Abort_after_messages_drops_the_connection_without_a_close_frame()
    {
        using var cts = TestClient.Timeout();
        var options = new TargetServerOptions { Faults = new ServerFaults { AbortAfterMessages = 2 } };
        await using var server = await TargetServer.StartAsync(options, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        await TestClient.SendTextAsync(client, "first", cts.Token);
        Assert.Equal("first", await TestClient.ReceiveTextAsync(client, cts.Token));
        await TestClient.SendTextAsync(client, "unanswered", cts.Token);
        await Assert.ThrowsAsync<WebSocketException>(() => TestClient.ReceiveAnyAsync(client, cts.Token));

        Assert.Equal(WebSocketState.Aborted, client.State);
        Assert.Null(client.CloseStatus);
        Assert.Equal(1, server.GetStats().AbortedByFault);
    }

    [Fact]
    public async Task Close_all_fires_on_the_injected_clock_and_closes_every_connection()
    {
        using var cts = TestClient.Timeout();
        var clock = new FakeTimeProvider();
        var faults = new ServerFaults { CloseAllAfter = TimeSpan.FromSeconds(30), CloseCode = (WebSocketCloseStatus)4000 };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults, TimeProvider = clock }, cts.Token);
        using var a = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        using var b = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        await server.WaitForConnectionsAsync(2, cts.Token);

        clock.Advance(TimeSpan.FromSeconds(29));
        await TestClient.SendTextAsync(a, "still open", cts.Token);
        Assert.Equal("still open", await TestClient.ReceiveTextAsync(a, cts.Token));
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(await TestClient.ReceiveUntilCloseAsync(a, cts.Token));
        Assert.Empty(await TestClient.ReceiveUntilCloseAsync(b, cts.Token));
        Assert.Equal((WebSocketCloseStatus)4000, a.CloseStatus);
        Assert.Equal((WebSocketCloseStatus)4000, b.CloseStatus);
        Assert.Equal(2, server.GetStats().ClosedByFault);
    }
}
