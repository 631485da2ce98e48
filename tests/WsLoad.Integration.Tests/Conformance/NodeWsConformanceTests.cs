using System.Text;
using WsLoad.Connections;

namespace WsLoad.Tests.Conformance;

/// <summary>
/// WsLoad's client driver against a WebSocket server that is not ours: Node.js `ws` (tests/node-echo/conformance.js).
/// Each test starts its own node process on port 0 and kills it when done; every wait is bounded by one timeout.
/// </summary>
public sealed class NodeWsConformanceTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private NodeConformanceServer _server = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _server = await NodeConformanceServer.StartAsync(Ct);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData(0, true)]
    [InlineData(0, false)]
    [InlineData(125, true)]
    [InlineData(125, false)]
    [InlineData(126, true)]
    [InlineData(126, false)]
    [InlineData(65535, true)]
    [InlineData(65535, false)]
    [InlineData(65536, true)]
    [InlineData(65536, false)]
    [InlineData(1024 * 1024, true)]
    [InlineData(1024 * 1024, false)]
    public async Task Echo_comes_back_exactly_with_its_type(int size, bool isText)
    {
        var payload = isText
            ? Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, size).Select(i => (char)('a' + (i % 26)))))
            : Enumerable.Range(0, size).Select(i => (byte)((i * 31) ^ (i >> 8))).ToArray();
        var (connection, recorder, id) = await ConnectAsync("/echo");

        await connection.SendAsync(payload, isText, Ct);
        var echo = await recorder.NextMessageAsync(Ct);

        Assert.Equal(isText, echo.IsText);
        Assert.Equal(payload.Length, echo.Payload.Length);
        Assert.True(payload.AsSpan().SequenceEqual(echo.Payload), "the echo differs from what was sent");
        await connection.CloseAsync(WsCloseStatus.Normal, "done").WaitAsync(Ct);
        Assert.Equal(new WsCloseInfo(WsCloseInitiator.Us, 1000, "done"), await recorder.Closed.WaitAsync(Ct));
        Assert.Equal((1000, "done"), await _server.WaitForCloseAsync(id, Ct));
    }

    [Fact]
    public async Task Fragmented_message_with_a_ping_between_its_frames_is_reassembled_and_the_ping_answered()
    {
        var (connection, recorder, _) = await ConnectAsync("/fragmented");

        var message = await recorder.NextMessageAsync(Ct);
        var pongReport = await recorder.NextMessageAsync(Ct);

        Assert.True(message.IsText);
        Assert.Equal("fragmented: héllo, wörld ✓", Encoding.UTF8.GetString(message.Payload));
        Assert.Equal("pong:mid", Encoding.UTF8.GetString(pongReport.Payload));
        await connection.CloseAsync().WaitAsync(Ct);
    }

    [Fact]
    public async Task Ping_from_the_server_is_answered_by_a_pong_with_its_payload()
    {
        var (connection, recorder, _) = await ConnectAsync("/ping");

        var pongReport = await recorder.NextMessageAsync(Ct);

        Assert.Equal(("pong:hello-ping", true), (Encoding.UTF8.GetString(pongReport.Payload), pongReport.IsText));
        await connection.CloseAsync().WaitAsync(Ct);
    }

    [Theory]
    [InlineData(1001, null)]
    [InlineData(4000, "custom reason")]
    public async Task Server_close_is_reported_as_the_peers_with_its_code_and_reason_and_echoed(int code, string? reason)
    {
        var query = reason is null ? $"/close?code={code}" : $"/close?code={code}&reason={Uri.EscapeDataString(reason)}";
        var (_, recorder, id) = await ConnectAsync(query);

        var info = await recorder.Closed.WaitAsync(Ct);

        Assert.Equal(new WsCloseInfo(WsCloseInitiator.Peer, (ushort)code, reason), info);
        Assert.True(info.IsClean);
        // ws reports the close frame it received: ours echoes the server's code (without a reason).
        Assert.Equal((code, ""), await _server.WaitForCloseAsync(id, Ct));
    }

    [Theory]
    [InlineData("rsv")]
    [InlineData("opcode")]
    [InlineData("masked")]
    [InlineData("long-control")]
    [InlineData("fragmented-control")]
    public async Task Protocol_violation_by_the_server_fails_the_connection_with_1002(string kind)
    {
        var (_, recorder, id) = await ConnectAsync($"/violation?kind={kind}");

        var info = await recorder.Closed.WaitAsync(Ct);

        Assert.Equal(WsFailure.Protocol, info.Failure);
        Assert.Equal("protocol", info.Failure!.Value.ToName());
        Assert.Equal((WsCloseInitiator.Us, WsCloseStatus.ProtocolError), (info.Initiator, info.StatusCode));
        var (serverSawCode, _) = await _server.WaitForCloseAsync(id, Ct);
        Assert.Equal(WsCloseStatus.ProtocolError, serverSawCode);
    }

    private async Task<(WsClientConnection Connection, MessageRecorder Recorder, string Id)> ConnectAsync(string pathAndQuery)
    {
        var id = Guid.NewGuid().ToString("N");
        var recorder = new MessageRecorder();
        var request = new WsConnectRequest { Url = _server.Url(pathAndQuery, id), MaxMessageBytes = 4 * 1024 * 1024 };
        var connection = await WsClientConnection.ConnectAsync(request, recorder, Ct);
        return (connection, recorder, id);
    }
}
