using System.Buffers;
using System.Runtime.CompilerServices;

namespace WsLoad.Connections;

internal sealed partial class WsClientConnection
{
    /// <summary>Frames up to this size go out in one write; larger payloads are masked and written in chunks of it.</summary>
    private const int MaxSingleWrite = 64 * 1024;

    private int _sendPending;

    /// <summary>The error of a write that failed part-way, which aborted the connection; reported as the close's cause.</summary>
    private Exception? _sendFailure;

    /// <summary>
    /// Sends one unfragmented message. Not to be called concurrently with itself (throws <see cref="InvalidOperationException"/>);
    /// throws <see cref="InvalidOperationException"/> once a close frame was sent or received or the connection aborted.
    /// A write that fails or is cancelled part-way aborts the connection (the frame stream would be corrupt).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, bool isText, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _sendPending, 1) != 0)
        {
            throw new InvalidOperationException("SendAsync is already in progress on this connection");
        }

        try
        {
            if (!IsOpen)
            {
                throw new InvalidOperationException("the connection is closing or closed");
            }

            await WriteFrameAsync(isText ? WsOpcode.Text : WsOpcode.Binary, payload, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _sendPending, 0);
        }
    }

    /// <summary>
    /// Sends one unfragmented message alongside the regular sends (a retry): the write gate orders it with any
    /// <see cref="SendAsync"/> in progress, so it may run concurrently with it, and it does not count as a pending send.
    /// Throws <see cref="InvalidOperationException"/> once the connection is closing, closed or aborted.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAlongsideAsync(ReadOnlyMemory<byte> payload, bool isText, CancellationToken cancellationToken = default)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("the connection is closing or closed");
        }

        await WriteFrameAsync(isText ? WsOpcode.Text : WsOpcode.Binary, payload, cancellationToken);
    }

    /// <summary>
    /// Writes already-encoded bytes (e.g. from <see cref="WsFrameEncoder"/>) as they are, serialised with other frames.
    /// For fault injection: nothing is checked or masked.
    /// </summary>
    public async ValueTask SendRawAsync(ReadOnlyMemory<byte> frameBytes, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(frameBytes, cancellationToken);
        }
        catch
        {
            Abort();
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Writes one masked frame with FIN set, holding the write gate.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteFrameAsync(WsOpcode opcode, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        try
        {
            await _writeGate.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled before its turn (an interrupt while the close frame or a retry held the gate): nothing of it
            // was written, and a message must not be counted as sent.
            throw new SendCancelledBeforeWriteException(ct);
        }

        if (opcode is WsOpcode.Text or WsOpcode.Binary && !IsOpen)
        {
            // The close frame got the gate first while this message waited for it: a data frame after our close frame
            // would be discarded by the peer (a message counted sent and never answered), so nothing is written.
            _writeGate.Release();
            throw new InvalidOperationException("the connection is closing or closed");
        }

        byte[]? buffer = null;
        try
        {
            var maskKey = NextMaskKey();
            var headerLength = WsFrameEncoder.GetHeaderLength(payload.Length, masked: true);
            if (headerLength + payload.Length <= MaxSingleWrite)
            {
                buffer = ArrayPool<byte>.Shared.Rent(headerLength + payload.Length);
                var length = WsFrameEncoder.WriteFrame(buffer, opcode, fin: true, payload.Span, masked: true, maskKey);
                await _stream.WriteAsync(buffer.AsMemory(0, length), ct);
                return;
            }

            buffer = ArrayPool<byte>.Shared.Rent(MaxSingleWrite);
            var used = WsFrameEncoder.WriteHeader(buffer, opcode, fin: true, payload.Length, masked: true, maskKey);
            for (var offset = 0; offset < payload.Length;)
            {
                // Chunks are multiples of 4 bytes so that every chunk starts at mask byte 0.
                var chunk = Math.Min(payload.Length - offset, (MaxSingleWrite - used) & ~3);
                WsMask.CopyMasked(payload.Span.Slice(offset, chunk), buffer.AsSpan(used), maskKey);
                await _stream.WriteAsync(buffer.AsMemory(0, used + chunk), ct);
                offset += chunk;
                used = 0;
            }
        }
        catch (Exception exception)
        {
            // The network failed the write (e.g. the peer reset): report that cause, not a bare abort of ours.
            if (exception is not OperationCanceledException)
            {
                _ = Interlocked.CompareExchange(ref _sendFailure, exception, null);
            }

            Abort();
            throw;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            _writeGate.Release();
        }
    }
}
