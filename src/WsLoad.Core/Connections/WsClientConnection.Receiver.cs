using System.Buffers;

namespace WsLoad.Connections;

internal sealed partial class WsClientConnection
{
    private const int ReceiveBufferSize = 16 * 1024;

    // Bytes read but not yet decoded live in _buffer[_consumed.._buffered]; the buffer is rented only while bytes are
    // pending, so an idle connection holds none.
    private byte[]? _buffer;
    private int _buffered;
    private int _consumed;
    private int _neededFrameLength;
    private long _lastReadTimestamp;

    // A fragmented message being reassembled (opcode Continuation = none).
    private byte[]? _message;
    private int _messageLength;
    private WsOpcode _messageOpcode;
    private Exception? _handlerException;

    private enum ReceiveAction
    {
        NeedMoreData,
        Ping,
        Close,
        HandlerFailed,
    }

    private async Task ReceiveLoopAsync()
    {
        // Never run handler code on the connecting caller's stack.
        await Task.Yield();
        WsCloseInfo info;
        try
        {
            info = await ReceiveUntilClosedAsync();
        }
        catch (Exception e)
        {
            info = await OnReceiveFailedAsync(e);
        }

        Finish(info);
    }

    private async ValueTask<WsCloseInfo> ReceiveUntilClosedAsync()
    {
        while (true)
        {
            while (_buffered > _consumed)
            {
                var action = ProcessFrames(_lastReadTimestamp, out var controlOffset, out var controlLength);
                switch (action)
                {
                    case ReceiveAction.Ping:
                        await WriteFrameAsync(WsOpcode.Pong, _buffer.AsMemory(controlOffset, controlLength), CancellationToken.None);
                        continue;
                    case ReceiveAction.Close:
                        var (code, reason) = ParseClosePayload(_buffer.AsSpan(controlOffset, controlLength));
                        return await OnCloseFrameAsync(code, reason);
                    case ReceiveAction.HandlerFailed:
                        Abort();
                        return new WsCloseInfo(WsCloseInitiator.Abort, WsCloseStatus.Abnormal, null, WsFailure.Other, _handlerException);
                }

                break;
            }

            Compact();
            if (_buffered == 0)
            {
                ReturnBuffer(ref _buffer);
#pragma warning disable CA2022 // A zero-byte read waits for data without holding a buffer; its result is meaningless.
                await _stream.ReadAsync(Memory<byte>.Empty);
#pragma warning restore CA2022
                _buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
            }

            await ReadPauseEnded(); // a slow-reader fault: let the peer's data back up
            var read = await _stream.ReadAsync(_buffer.AsMemory(_buffered));
            _lastReadTimestamp = Now();
            if (read == 0)
            {
                return OnEndOfStream();
            }

            _buffered += read;
        }
    }

    /// <summary>Decodes and handles complete frames until one needs an await (ping, close) or the data runs out.</summary>
    private ReceiveAction ProcessFrames(long timestamp, out int controlOffset, out int controlLength)
    {
        controlOffset = controlLength = 0;
        while (true)
        {
            var available = _buffer.AsSpan(_consumed, _buffered - _consumed);
            var status = WsFrameDecoder.TryReadHeader(available, expectMasked: false, out var header, out var error);
            if (status == WsDecodeStatus.NeedMoreData)
            {
                return ReceiveAction.NeedMoreData;
            }

            if (status == WsDecodeStatus.ProtocolError)
            {
                throw new WsProtocolException(error!);
            }

            if (!header.Opcode.IsControl() && header.PayloadLength + _messageLength > _maxMessageBytes)
            {
                throw new WsProtocolException(
                    $"message of at least {header.PayloadLength + _messageLength} bytes exceeds the limit of {_maxMessageBytes}",
                    WsCloseStatus.MessageTooBig);
            }

            if (available.Length < header.FrameLength)
            {
                _neededFrameLength = (int)header.FrameLength;
                return ReceiveAction.NeedMoreData;
            }

            var payloadOffset = _consumed + header.HeaderLength;
            var payloadLength = (int)header.PayloadLength;
            var payload = _buffer.AsSpan(payloadOffset, payloadLength);
            _consumed += (int)header.FrameLength;
            switch (header.Opcode)
            {
                case WsOpcode.Text or WsOpcode.Binary:
                    if (_messageOpcode != WsOpcode.Continuation)
                    {
                        throw new WsProtocolException("new data frame while a fragmented message is incomplete");
                    }

                    if (header.Fin)
                    {
                        if (!Deliver(payload, header.Opcode == WsOpcode.Text, timestamp))
                        {
                            return ReceiveAction.HandlerFailed;
                        }
                    }
                    else
                    {
                        _messageOpcode = header.Opcode;
                        AppendFragment(payload);
                    }

                    break;
                case WsOpcode.Continuation:
                    if (_messageOpcode == WsOpcode.Continuation)
                    {
                        throw new WsProtocolException("continuation frame without a message to continue");
                    }

                    AppendFragment(payload);
                    if (header.Fin)
                    {
                        var delivered = Deliver(_message.AsSpan(0, _messageLength), _messageOpcode == WsOpcode.Text, timestamp);
                        _messageOpcode = WsOpcode.Continuation;
                        _messageLength = 0;
                        ReturnBuffer(ref _message);
                        if (!delivered)
                        {
                            return ReceiveAction.HandlerFailed;
                        }
                    }

                    break;
                case WsOpcode.Ping or WsOpcode.Close:
                    controlOffset = payloadOffset;
                    controlLength = payloadLength;
                    return header.Opcode == WsOpcode.Ping ? ReceiveAction.Ping : ReceiveAction.Close;
            }

            // Pongs (solicited or keep-alive) need nothing.
        }
    }

    private bool Deliver(ReadOnlySpan<byte> payload, bool isText, long timestamp)
    {
        try
        {
            _handler.OnMessage(this, payload, isText, timestamp);
            return true;
        }
        catch (Exception e)
        {
            _handlerException = e;
            return false;
        }
    }

    private void AppendFragment(ReadOnlySpan<byte> payload)
    {
        var needed = _messageLength + payload.Length;
        if (_message is null || _message.Length < needed)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(_maxMessageBytes, (_message?.Length ?? 0) * 2)));
            _message.AsSpan(0, _messageLength).CopyTo(bigger);
            ReturnBuffer(ref _message);
            _message = bigger;
        }

        payload.CopyTo(_message.AsSpan(_messageLength));
        _messageLength = needed;
    }

    /// <summary>Moves an incomplete frame to the start of the buffer, growing it if the frame will not fit.</summary>
    private void Compact()
    {
        var remaining = _buffered - _consumed;
        if (remaining == 0)
        {
            _buffered = _consumed = 0;
            return;
        }

        var target = _buffer!;
        if (_neededFrameLength > target.Length)
        {
            target = ArrayPool<byte>.Shared.Rent(_neededFrameLength);
        }

        if (_consumed > 0 || !ReferenceEquals(target, _buffer))
        {
            _buffer.AsSpan(_consumed, remaining).CopyTo(target);
        }

        if (!ReferenceEquals(target, _buffer))
        {
            ReturnBuffer(ref _buffer);
            _buffer = target;
        }

        _buffered = remaining;
        _consumed = 0;
        _neededFrameLength = 0;
    }

    private static void ReturnBuffer(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
