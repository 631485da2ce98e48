using System.Net.WebSockets;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

public class ServerLifetimeTests
{
    [Fact]
    public async Task Dispose_closes_every_client_with_1001_server_stopping()
    {
        using var cts = TestClient.Timeout();
        var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var a = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        using var b = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        await server.WaitForConnectionsAsync(2, cts.Token);

        var disposing = server.DisposeAsync().AsTask();
        await TestClient.ReceiveUntilCloseAsync(a, cts.Token);
        await TestClient.ReceiveUntilCloseAsync(b, cts.Token);
        await disposing.WaitAsync(cts.Token);

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, a.CloseStatus);
        Assert.Equal("server stopping", a.CloseStatusDescription);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, b.CloseStatus);
        Assert.Equal(0, server.GetStats().CurrentConnections);
    }

    [Fact]
    public async Task Stop_aborts_a_client_that_never_answers_the_close_within_the_timeout()
    {
        using var cts = TestClient.Timeout();
        var server = await TargetServer.StartAsync(new TargetServerOptions { CloseTimeout = TimeSpan.FromMilliseconds(300) }, cts.Token);
        using var silent = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        await server.WaitForConnectionsAsync(1, cts.Token);

        await server.StopAsync().WaitAsync(cts.Token); // the client never reads, so it never answers
        await server.DisposeAsync();

        Assert.Equal(0, server.GetStats().CurrentConnections);
    }

    [Fact]
    public async Task Starting_on_a_port_in_use_fails_with_an_io_error()
    {
        using var cts = TestClient.Timeout();
        await using var first = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        await Assert.ThrowsAnyAsync<IOException>(() => TargetServer.StartAsync(new TargetServerOptions { Port = first.Port }, cts.Token));
    }

    [Fact]
    public async Task Stop_can_be_called_twice()
    {
        using var cts = TestClient.Timeout();
        var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        var first = server.StopAsync();
        var second = server.StopAsync();
        await first.WaitAsync(cts.Token);

        Assert.Same(first, second);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_thousand_clients_at_once_are_all_counted()
    {
        using var cts = TestClient.Timeout(60);
        const int Clients = 1000;
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var clients = new List<ClientWebSocket>(Clients);
        try
        {
            var connecting = new Task<ClientWebSocket>[Clients];
            for (var i = 0; i < Clients; i++)
            {
                connecting[i] = TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
            }

            foreach (var task in connecting)
            {
                try
                {
                    clients.Add(await task);
                }
                catch (Exception) when (cts.IsCancellationRequested)
                {
                    // reported by the assertion below
                }
            }

            await server.WaitForConnectionsAsync(Clients, cts.Token);
            var stats = server.GetStats();
            Assert.Equal(Clients, stats.CurrentConnections);
            Assert.Equal(Clients, stats.TotalAccepted);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose(); // aborts: the server sees the resets and forgets the connections
            }
        }

        await server.WaitForConnectionsAsync(0, cts.Token);
    }
}
