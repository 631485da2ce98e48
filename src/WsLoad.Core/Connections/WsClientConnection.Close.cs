using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace WsLoad.Connections;

internal sealed partial class WsClientConnection
{
    /// <summary>How long a close handshake may take when no timeout is given, and how long we wait for the peer's TCP close after it.</summary>
    public static readonly TimeSpan DefaultCloseTimeout = TimeSpan.FromSeconds(5);

    private const int FlagCloseSent = 1;
    private const int FlagCloseReceived = 2;
    private const int FlagAborted = 4;
    private const int FlagClosed = 8;
    private const ushort NoStatusReceived = 1005;

    /// <summary>Where closing connections read what follows the close frame: discarded, so one buffer serves them all.</summary>
    private static readonly byte[] DiscardBuffer = new byte[4096];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private int _flags;
    private WsCloseInitiator _closeInitiator;
    private ushort _sentCloseCode;
    private string? _sentCloseReason;
    private bool _closeTimedOut;
    private TimeSpan _closeTimeout = DefaultCloseTimeout;

    /// <summary>
    /// Sends a close frame (unless one was already sent), waits for the peer's close and its TCP close, then ends the
    /// connection. After <paramref name="timeout"/> (default <see cref="DefaultCloseTimeout"/>) the connection is aborted.
    /// The code is not validated so that tests can send invalid ones. Completes after OnClosed; never throws.
    /// </summary>
    public async Task CloseAsync(ushort code = WsCloseStatus.Normal, string? reason = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultCloseTimeout;
        _closeTimeout = limit;
        using var cts = new CancellationTokenSource(limit, _timeProvider);
        await CloseWithinAsync(code, reason, cts.Token);
    }

    /// <summary>
    /// Like <see cref="CloseAsync(ushort, string?, TimeSpan?)"/>, but the close is aborted when
    /// <paramref name="deadline"/> is cancelled: thousands of connections closing together share one timer instead of
    /// holding one each (a timer, a token source and a wait per connection were most of what a mass close allocated).
    /// </summary>
    public Task CloseAsync(ushort code, string? reason, CancellationToken deadline) => CloseWithinAsync(code, reason, deadline);

    private async Task CloseWithinAsync(ushort code, string? reason, CancellationToken deadline)
    {
        // At the deadline the connection is aborted, which ends the receive loop wherever it waits (sending our close,
        // or draining after the peer's answer), so the wait below is bounded without a timed wait of its own.
        using var registration = deadline.UnsafeRegister(static state => ((WsClientConnection)state!).CloseTimedOut(), this);
        if (TryClaimClose(WsCloseInitiator.Us))
        {
            _sentCloseCode = code;
            _sentCloseReason = reason;
            try
            {
                await SendCloseFrameAsync(code, reason, deadline);
            }
            catch
            {
                Abort();
            }
        }

        await _receiveTask;
    }

    private void CloseTimedOut()
    {
        if ((Volatile.Read(ref _flags) & FlagClosed) == 0)
        {
            Volatile.Write(ref _closeTimedOut, true);
            Abort();
        }
    }

    /// <summary>Ends the connection at once: no close frame, the socket is closed. Idempotent; OnClosed reports <see cref="WsCloseInitiator.Abort"/>.</summary>
    public void Abort()
    {
        if ((Interlocked.Or(ref _flags, FlagAborted) & FlagAborted) != 0)
        {
            return;
        }

        EndReadPause();

        // Closing the socket under an SslStream fails its pending read cleanly; the loop then disposes the stream.
        if (_socket is not null)
        {
            _socket.Dispose();
        }
        else
        {
            _stream.Dispose();
        }
    }

    /// <summary>Claims the single close frame this side may send; the first claimant decides the initiator.</summary>
    private bool TryClaimClose(WsCloseInitiator initiator)
    {
        var old = Interlocked.Or(ref _flags, FlagCloseSent);
        if ((old & FlagCloseSent) != 0)
        {
            return false;
        }

        _closeInitiator = (old & FlagCloseReceived) != 0 ? WsCloseInitiator.Peer : initiator;
        return true;
    }

    private async ValueTask SendCloseFrameAsync(ushort code, string? reason, CancellationToken ct)
    {
        var payload = ArrayPool<byte>.Shared.Rent(125);
        try
        {
            var length = WsFrameEncoder.WriteClosePayload(payload, code, reason);
            await WriteFrameAsync(WsOpcode.Close, payload.AsMemory(0, length), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private static (ushort Code, string? Reason) ParseClosePayload(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return (NoStatusReceived, null);
        }

        if (payload.Length == 1)
        {
            throw new WsProtocolException("close frame with a 1-byte payload");
        }

        var code = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (!WsCloseStatus.IsValidOnWire(code))
        {
            throw new WsProtocolException($"invalid close code {code}");
        }

        if (payload.Length == 2)
        {
            return (code, null);
        }

        try
        {
            return (code, StrictUtf8.GetString(payload[2..]));
        }
        catch (DecoderFallbackException)
        {
            throw new WsProtocolException("close reason is not valid UTF-8", WsCloseStatus.InvalidPayload);
        }
    }

    /// <summary>The peer's close frame arrived: answer it if we have not sent ours, then wait for the TCP close.</summary>
    private async ValueTask<WsCloseInfo> OnCloseFrameAsync(ushort code, string? reason)
    {
        Interlocked.Or(ref _flags, FlagCloseReceived);
        if (TryClaimClose(WsCloseInitiator.Peer))
        {
            // The peer began the close, so nothing times it yet.
            using var cts = new CancellationTokenSource(_closeTimeout, _timeProvider);
            try
            {
                await SendCloseFrameAsync(code == NoStatusReceived ? WsCloseStatus.Normal : code, null, cts.Token);
            }
            catch
            {
                // The peer may already be gone; the close code it sent is what matters.
            }

            await DrainUntilEndAsync(cts.Token);
        }
        else
        {
            // Our close frame went first: the close that sent it aborts the connection at its deadline, which ends this
            // read, so it needs no timer of its own.
            await DrainUntilEndAsync(CancellationToken.None);
        }

        return _closeInitiator == WsCloseInitiator.Us
            ? new WsCloseInfo(WsCloseInitiator.Us, _sentCloseCode, _sentCloseReason)
            : new WsCloseInfo(WsCloseInitiator.Peer, code, reason);
    }

    /// <summary>
    /// Letting the server close TCP first keeps TIME_WAIT (and its port) on the server side. Nothing read after the close
    /// frame matters, so the receive buffer goes back to the pool first (16 KB a connection: 160 MB while 10,000 close at
    /// once) and the rest is read into one scratch buffer that every closing connection shares.
    /// </summary>
    private async ValueTask DrainUntilEndAsync(CancellationToken ct)
    {
        ReturnBuffer(ref _buffer);
        try
        {
            while (await _stream.ReadAsync(DiscardBuffer, ct) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    private WsCloseInfo OnEndOfStream()
    {
        var flags = Volatile.Read(ref _flags);
        if ((flags & FlagAborted) != 0)
        {
            return AbortInfo();
        }

        return (flags & FlagCloseSent) != 0
            ? new WsCloseInfo(WsCloseInitiator.Us, WsCloseStatus.Abnormal, "connection closed before the peer's close frame", WsFailure.Reset)
            : new WsCloseInfo(WsCloseInitiator.Peer, WsCloseStatus.Abnormal, "connection closed without a close frame", WsFailure.Reset);
    }

    private async ValueTask<WsCloseInfo> OnReceiveFailedAsync(Exception e)
    {
        if ((Volatile.Read(ref _flags) & FlagAborted) != 0)
        {
            return AbortInfo();
        }

        if (e is WsProtocolException protocol)
        {
            // Fail the connection (RFC 6455 7.1.7): send our close with the reason, do not wait for an answer.
            if (TryClaimClose(WsCloseInitiator.Us))
            {
                _sentCloseCode = protocol.CloseStatus;
                using var cts = new CancellationTokenSource(_closeTimeout, _timeProvider);
                try
                {
                    await SendCloseFrameAsync(protocol.CloseStatus, protocol.Message, cts.Token);
                }
                catch
                {
                }
            }

            return new WsCloseInfo(WsCloseInitiator.Us, protocol.CloseStatus, protocol.Message, WsFailure.Protocol, protocol);
        }

        return new WsCloseInfo(WsCloseInitiator.Peer, WsCloseStatus.Abnormal, e.Message, WsFailureNames.FromException(e), e);
    }

    private WsCloseInfo AbortInfo() => Volatile.Read(ref _closeTimedOut)
        ? new WsCloseInfo(WsCloseInitiator.Us, WsCloseStatus.Abnormal, "close handshake timed out", WsFailure.Timeout)
        : Volatile.Read(ref _sendFailure) is { } failure
            ? new WsCloseInfo(WsCloseInitiator.Peer, WsCloseStatus.Abnormal, failure.Message, WsFailureNames.FromException(failure), failure)
            : new WsCloseInfo(WsCloseInitiator.Abort, WsCloseStatus.Abnormal, null);

    /// <summary>Releases everything and reports the close exactly once (the receive loop is the only caller).</summary>
    private void Finish(WsCloseInfo info)
    {
        Interlocked.Or(ref _flags, FlagClosed);
        try
        {
            _stream.Dispose();
        }
        catch
        {
        }

        ReturnBuffer(ref _buffer);
        ReturnBuffer(ref _message);
        try
        {
            _handler.OnClosed(this, info);
        }
        catch
        {
            // OnClosed must not throw; a throwing handler must not fault Completion.
        }
    }
}
