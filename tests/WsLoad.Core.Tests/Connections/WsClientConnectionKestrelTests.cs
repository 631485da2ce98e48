using System.Net;
using System.Net.Sockets;
using System.Text;
using WsLoad.Connections;

namespace WsLoad.Tests.Connections;

/// <summary>End to end against a real Kestrel WebSocket server on loopback.</summary>
public sealed class WsClientConnectionKestrelTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private KestrelWsServer _server = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _server = await KestrelWsServer.StartAsync(Ct);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Echoes_text_and_binary_of_every_size_exactly()
    {
        var handler = new RecordingHandler();
        var connection = await WsClientConnection.ConnectAsync(new WsConnectRequest { Url = _server.Url("/echo") }, handler, Ct);

        foreach (var size in new[] { 0, 1, 125, 126, 65535, 65536, 200_000, 3_000_000 })
        {
            var binary = Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();
            var text = Encoding.UTF8.GetBytes(new string('a', size));

            await connection.SendAsync(binary, isText: false, Ct);
            var echoedBinary = await handler.NextMessageAsync(Ct);
            await connection.SendAsync(text, isText: true, Ct);
            var echoedText = await handler.NextMessageAsync(Ct);

            Assert.False(echoedBinary.IsText);
            Assert.Equal(binary, echoedBinary.Payload);
            Assert.True(echoedText.IsText);
            Assert.Equal(text, echoedText.Payload);
        }

        Assert.True(connection.Timings.TcpConnect > TimeSpan.Zero);
        Assert.True(connection.Timings.Upgrade > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, connection.Timings.Tls);
        await connection.CloseAsync();
    }

    [Fact]
    public async Task Close_handshake_with_1000_is_clean_and_initiated_by_us()
    {
        var handler = new RecordingHandler();
        var connection = await WsClientConnection.ConnectAsync(new WsConnectRequest { Url = _server.Url("/echo") }, handler, Ct);

        await connection.CloseAsync(WsCloseStatus.Normal, "done", TimeSpan.FromSeconds(10)).WaitAsync(Ct);
        var info = await handler.Closed.WaitAsync(Ct);

        Assert.Equal(new WsCloseInfo(WsCloseInitiator.Us, 1000, "done"), info);
        Assert.True(connection.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Server_close_with_1011_is_reported_as_peer()
    {
        var handler = new RecordingHandler();
        await WsClientConnection.ConnectAsync(new WsConnectRequest { Url = _server.Url("/close1011") }, handler, Ct);

        var info = await handler.Closed.WaitAsync(Ct);

        Assert.Equal(new WsCloseInfo(WsCloseInitiator.Peer, 1011, "boom"), info);
    }

    [Fact]
    public async Task Rejected_upgrade_reports_upgrade_rejected_with_403()
    {
        var e = await Assert.ThrowsAsync<WsConnectException>(async () =>
            await WsClientConnection.ConnectAsync(new WsConnectRequest { Url = _server.Url("/reject") }, new RecordingHandler(), Ct));

        Assert.Equal(("upgrade-rejected", 403), (e.FailureName, e.HttpStatus));
    }

    [Fact]
    public async Task Nothing_listening_is_refused()
    {
        var url = new Uri($"ws://127.0.0.1:{UnusedPort()}/");

        var e = await Assert.ThrowsAsync<WsConnectException>(async () =>
            await WsClientConnection.ConnectAsync(new WsConnectRequest { Url = url }, new RecordingHandler(), Ct));

        Assert.Equal(WsFailure.Refused, e.Failure);
    }

    [Fact]
    public async Task Binds_the_requested_source_address()
    {
        var handler = new RecordingHandler();
        var request = new WsConnectRequest { Url = _server.Url("/echo"), LocalAddress = IPAddress.Loopback };

        var connection = await WsClientConnection.ConnectAsync(request, handler, Ct);
        await connection.SendAsync("x"u8.ToArray(), true, Ct);

        Assert.Equal("x"u8.ToArray(), (await handler.NextMessageAsync(Ct)).Payload);
        await connection.CloseAsync();
    }

    [Fact]
    public async Task Source_address_not_on_this_machine_is_address_in_use()
    {
        // 192.0.2.1 is TEST-NET-1: never assigned locally, so bind fails with EADDRNOTAVAIL.
        var request = new WsConnectRequest { Url = _server.Url("/echo"), LocalAddress = IPAddress.Parse("192.0.2.1") };

        var e = await Assert.ThrowsAsync<WsConnectException>(async () =>
            await WsClientConnection.ConnectAsync(request, new RecordingHandler(), Ct));

        Assert.Equal(WsFailure.AddressInUse, e.Failure);
    }

    [Fact]
    public async Task Server_that_never_answers_the_upgrade_times_out()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var request = new WsConnectRequest { Url = new Uri($"ws://127.0.0.1:{port}/"), ConnectTimeout = TimeSpan.FromSeconds(2) }; // long enough that the TCP phase always completes, even on a busy machine

        var e = await Assert.ThrowsAsync<WsConnectException>(async () =>
            await WsClientConnection.ConnectAsync(request, new RecordingHandler(), Ct));

        Assert.Equal(WsFailure.Timeout, e.Failure);
        Assert.Contains("upgrade", e.Message);
    }

    private static int UnusedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
