using System.Text;
using WsLoad.Connections;

namespace WsLoad.Tests.Connections;

/// <summary>The driver against a scripted server over an in-memory duplex stream.</summary>
public sealed class WsClientConnectionStreamTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(20));
    private readonly PipeDuplexStream _client;
    private readonly PipeDuplexStream _serverStream;
    private readonly FakeWsServer _server;
    private readonly RecordingHandler _handler = new();

    public WsClientConnectionStreamTests()
    {
        (_client, _serverStream) = PipeDuplexStream.CreatePair();
        _server = new FakeWsServer(_serverStream);
    }

    private CancellationToken Ct => _timeout.Token;

    private static WsConnectRequest Request(int maxMessageBytes = WsConnectRequest.DefaultMaxMessageBytes) =>
        new() { Url = new Uri("ws://test.local/echo?x=1"), MaxMessageBytes = maxMessageBytes };

    private async Task<WsClientConnection> ConnectAsync(byte[]? extra = null, WsConnectRequest? request = null, RecordingHandler? handler = null)
    {
        var accept = _server.AcceptAsync(Ct, extra: extra);
        var connection = await WsClientConnection.ConnectOverStreamAsync(_client, request ?? Request(), handler ?? _handler, Ct, state: "s");
        await accept;
        return connection;
    }

    [Fact]
    public async Task Handshake_sends_a_get_with_key_and_frames_after_the_headers_are_not_lost()
    {
        var frame = FakeWsServer.Frame(WsOpcode.Text, true, "early"u8.ToArray());

        var connection = await ConnectAsync(extra: frame);
        var (payload, isText) = await _handler.NextMessageAsync(Ct);

        Assert.StartsWith("GET /echo?x=1 HTTP/1.1\r\nHost: test.local\r\n", _server.Request);
        Assert.Contains("Sec-WebSocket-Version: 13\r\n", _server.Request);
        Assert.Equal(("early", true), (Encoding.UTF8.GetString(payload), isText));
        Assert.Equal("s", connection.State);
        Assert.True(connection.Timings.Upgrade > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_send_cancelled_while_another_frame_holds_the_write_says_nothing_of_it_was_written()
    {
        var connection = await ConnectAsync();

        // A 4 MB frame the server does not read yet: its write stalls on the pipe and holds the write gate.
        var big = connection.SendAlongsideAsync(new byte[4 << 20], isText: false, Ct).AsTask();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var waiting = connection.SendAsync("behind"u8.ToArray(), isText: true, cancel.Token).AsTask();
        await Task.Delay(100, Ct);
        Assert.False(big.IsCompleted, "the big frame should still be writing");
        Assert.False(waiting.IsCompleted, "the second send should wait for the gate");

        await cancel.CancelAsync();

        var error = await Assert.ThrowsAsync<SendCancelledBeforeWriteException>(() => waiting);
        Assert.IsAssignableFrom<OperationCanceledException>(error); // still a cancellation to callers that only know that
        Assert.True(connection.IsOpen, "nothing was written, so the frame stream is intact and the connection open");
    }

    [Fact]
    public async Task Rejected_upgrade_reports_the_status()
    {
        var accept = _server.AcceptAsync(Ct, statusLine: "HTTP/1.1 401 Unauthorized");

        var e = await Assert.ThrowsAsync<WsConnectException>(
            async () => await WsClientConnection.ConnectOverStreamAsync(_client, Request(), _handler, Ct));

        await accept;
        Assert.Equal((WsFailure.UpgradeRejected, 401), (e.Failure, e.HttpStatus));
    }

    [Fact]
    public async Task Sent_messages_are_masked_single_frames()
    {
        var connection = await ConnectAsync();
        var payload = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();

        var send = connection.SendAsync(payload, isText: false, Ct);
        var (header, received) = await _server.ReadFrameAsync(Ct);
        await send;

        Assert.Equal((true, WsOpcode.Binary, true), (header.Fin, header.Opcode, header.Masked));
        Assert.Equal(payload, received);
        Assert.False(connection.IsSendPending);
    }

    [Fact]
    public async Task Fragmented_message_split_across_reads_is_reassembled_with_a_ping_in_between()
    {
        await ConnectAsync();
        var big = Enumerable.Range(0, 40_000).Select(i => (byte)(i % 251)).ToArray();
        var bytes = FakeWsServer.Frame(WsOpcode.Binary, false, big[..20_000])
            .Concat(FakeWsServer.Frame(WsOpcode.Ping, true, "hi"u8.ToArray()))
            .Concat(FakeWsServer.Frame(WsOpcode.Continuation, true, big[20_000..]))
            .ToArray();

        // Dribble the bytes in odd-sized pieces so that headers and payloads straddle reads.
        for (var i = 0; i < bytes.Length; i += 7777)
        {
            await _server.SendRawAsync(bytes[i..Math.Min(bytes.Length, i + 7777)], Ct);
        }

        var (pong, pongPayload) = await _server.ReadFrameAsync(Ct);
        var (message, isText) = await _handler.NextMessageAsync(Ct);

        Assert.Equal((WsOpcode.Pong, "hi"), (pong.Opcode, Encoding.ASCII.GetString(pongPayload)));
        Assert.False(isText);
        Assert.Equal(big, message);
    }

    [Fact]
    public async Task Client_close_handshake_reports_us_with_our_code()
    {
        var connection = await ConnectAsync();

        var close = connection.CloseAsync(WsCloseStatus.Normal, "bye", TimeSpan.FromSeconds(10));
        var (header, payload) = await _server.ReadFrameAsync(Ct);
        await _server.SendAsync(WsOpcode.Close, true, payload, Ct);
        _serverStream.Dispose();
        await close.WaitAsync(Ct);
        var info = await _handler.Closed.WaitAsync(Ct);

        Assert.Equal(WsOpcode.Close, header.Opcode);
        Assert.Equal(FakeWsServer.ClosePayload(1000, "bye"), payload);
        Assert.Equal(new WsCloseInfo(WsCloseInitiator.Us, 1000, "bye"), info);
        Assert.True(info.IsClean);
        Assert.False(connection.IsOpen);
    }

    [Fact]
    public async Task Server_close_is_echoed_and_reported_as_peer_with_its_code()
    {
        var connection = await ConnectAsync();

        await _server.SendAsync(WsOpcode.Close, true, FakeWsServer.ClosePayload(1011, "boom"), Ct);
        var (header, payload) = await _server.ReadFrameAsync(Ct);
        _serverStream.Dispose();
        var info = await _handler.Closed.WaitAsync(Ct);
        await connection.Completion.WaitAsync(Ct);

        Assert.Equal((WsOpcode.Close, (byte)0x03, (byte)0xF3), (header.Opcode, payload[0], payload[1]));
        Assert.Equal(new WsCloseInfo(WsCloseInitiator.Peer, 1011, "boom"), info);
        Assert.Equal(1, _handler.ClosedCalls);
    }

    [Fact]
    public async Task Close_without_an_answer_times_out_and_aborts()
    {
        var connection = await ConnectAsync();

        await connection.CloseAsync(1000, null, TimeSpan.FromMilliseconds(200)).WaitAsync(Ct);
        var info = await _handler.Closed.WaitAsync(Ct);

        Assert.Equal((WsCloseInitiator.Us, WsCloseStatus.Abnormal, WsFailure.Timeout), (info.Initiator, info.StatusCode, info.Failure));
    }

    [Fact]
    public async Task Close_with_a_shared_deadline_aborts_when_the_deadline_passes()
    {
        var connection = await ConnectAsync();
        using var deadline = new CancellationTokenSource();

        var close = connection.CloseAsync(1000, "done", deadline.Token);
        var (header, _) = await _server.ReadFrameAsync(Ct);
        Assert.False(close.IsCompleted); // no answer yet, and the deadline has not passed
        await deadline.CancelAsync();
        await close.WaitAsync(Ct);
        var info = await _handler.Closed.WaitAsync(Ct);

        Assert.Equal(WsOpcode.Close, header.Opcode);
        Assert.Equal((WsCloseInitiator.Us, WsCloseStatus.Abnormal, WsFailure.Timeout), (info.Initiator, info.StatusCode, info.Failure));
    }

    [Fact]
    public async Task Close_answered_but_left_open_by_the_peer_ends_at_the_close_deadline()
    {
        var connection = await ConnectAsync();

        var close = connection.CloseAsync(1000, "bye", TimeSpan.FromMilliseconds(200));
        var (_, payload) = await _server.ReadFrameAsync(Ct);
        await _server.SendAsync(WsOpcode.Close, true, payload, Ct); // answered, but the server never closes TCP
        await close.WaitAsync(Ct);
        var info = await _handler.Closed.WaitAsync(Ct);

        // The close handshake itself completed: the peer's late TCP close does not make it a failure.
        Assert.Equal(new WsCloseInfo(WsCloseInitiator.Us, 1000, "bye"), info);
        Assert.False(connection.IsOpen);
    }

    public static TheoryData<byte[], ushort> BadFrames => new()
    {
        { FakeWsServer.Frame((WsOpcode)0x3, true, []), WsCloseStatus.ProtocolError },
        { FakeWsServer.Frame(WsOpcode.Text, true, [], reservedBits: 1), WsCloseStatus.ProtocolError },
        { FakeWsServer.Frame(WsOpcode.Continuation, true, [1]), WsCloseStatus.ProtocolError },
        { FakeWsServer.Frame(WsOpcode.Text, false, [1]).Concat(FakeWsServer.Frame(WsOpcode.Text, true, [2])).ToArray(), WsCloseStatus.ProtocolError },
        { FakeWsServer.Frame(WsOpcode.Close, true, [3]), WsCloseStatus.ProtocolError },
        { FakeWsServer.Frame(WsOpcode.Close, true, FakeWsServer.ClosePayload(1005)), WsCloseStatus.ProtocolError },
        { MaskedServerFrame(), WsCloseStatus.ProtocolError },
        { FakeWsServer.Frame(WsOpcode.Binary, true, new byte[2000]), WsCloseStatus.MessageTooBig },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task Protocol_errors_send_a_close_and_are_reported(byte[] bytes, ushort expectedCode)
    {
        await ConnectAsync(request: Request(maxMessageBytes: 1000));

        await _server.SendRawAsync(bytes, Ct);
        var (header, payload) = await _server.ReadFrameAsync(Ct);
        var info = await _handler.Closed.WaitAsync(Ct);

        Assert.Equal(WsOpcode.Close, header.Opcode);
        Assert.Equal(expectedCode, (ushort)((payload[0] << 8) | payload[1]));
        Assert.Equal((WsCloseInitiator.Us, expectedCode, WsFailure.Protocol), (info.Initiator, info.StatusCode, info.Failure));
        Assert.True(await _server.ReadsEndAsync(Ct));
    }

    [Fact]
    public async Task Dropped_connection_is_reported_as_1006_reset_by_the_peer()
    {
        await ConnectAsync();

        _serverStream.Dispose();
        var info = await _handler.Closed.WaitAsync(Ct);

        Assert.Equal((WsCloseInitiator.Peer, WsCloseStatus.Abnormal, WsFailure.Reset), (info.Initiator, info.StatusCode, info.Failure));
    }

    [Fact]
    public async Task Abort_reports_abort_once_and_later_sends_fail()
    {
        var connection = await ConnectAsync();

        connection.Abort();
        connection.Abort();
        var info = await _handler.Closed.WaitAsync(Ct);
        await connection.Completion.WaitAsync(Ct);

        Assert.Equal(new WsCloseInfo(WsCloseInitiator.Abort, WsCloseStatus.Abnormal, null), info);
        Assert.Equal(1, _handler.ClosedCalls);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await connection.SendAsync(new byte[1], false, Ct));
    }

    [Fact]
    public async Task Throwing_handler_aborts_the_connection_with_class_other()
    {
        var handler = new RecordingHandler { ThrowWhen = _ => true };
        await ConnectAsync(handler: handler);

        await _server.SendAsync(WsOpcode.Text, true, "x"u8.ToArray(), Ct);
        var info = await handler.Closed.WaitAsync(Ct);

        Assert.Equal((WsCloseInitiator.Abort, WsFailure.Other), (info.Initiator, info.Failure));
        Assert.IsType<InvalidOperationException>(info.Exception);
    }

    private static byte[] MaskedServerFrame()
    {
        var frame = new byte[20];
        return frame[..WsFrameEncoder.WriteFrame(frame, WsOpcode.Text, true, "x"u8, masked: true, 7)];
    }

    public void Dispose()
    {
        _client.Dispose();
        _serverStream.Dispose();
        _timeout.Dispose();
    }
}
