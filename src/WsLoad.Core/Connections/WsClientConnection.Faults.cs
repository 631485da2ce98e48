using System.Buffers;
using System.Net.Sockets;

namespace WsLoad.Connections;

/// <summary>
/// Faults the generator injects into its own connection (the scenario's <c>clientFaults</c>): a reset without a close
/// frame, a pause in reading, a malformed frame, an oversized message. Each may race with sends and the receive loop.
/// </summary>
internal sealed partial class WsClientConnection
{
    /// <summary>RFC 6455 reserves opcodes 0x3-0x7 for further non-control frames; a conforming server fails the connection with 1002.</summary>
    private const WsOpcode ReservedOpcode = (WsOpcode)0x3;

    /// <summary>While not completed, the receive loop does not read (set by <see cref="PauseReading"/>; ended early by an abort).</summary>
    private Task _readResumes = Task.CompletedTask;
    private CancellationTokenSource? _readPause;

    /// <summary>Ends the connection with a TCP reset (linger 0): no close frame, no FIN. OnClosed reports an abort.</summary>
    public void AbortWithReset()
    {
        try
        {
            _socket?.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: the abort below is then a no-op anyway.
        }

        Abort();
    }

    /// <summary>
    /// Stops reading for <paramref name="duration"/> (on the connection's clock): what the peer sends piles up in the
    /// socket buffers and then in the peer's send queue. Replaces a pause in progress. An abort ends the pause at once.
    /// </summary>
    public void PauseReading(TimeSpan duration)
    {
        var pause = new CancellationTokenSource();
        var resumes = Task.Delay(duration, _timeProvider, pause.Token).ContinueWith(
            static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Interlocked.Exchange(ref _readPause, pause)?.Cancel();
        Volatile.Write(ref _readResumes, resumes);
        if ((Volatile.Read(ref _flags) & (FlagAborted | FlagClosed)) != 0)
        {
            pause.Cancel();
        }
    }

    /// <summary>Sends one empty frame with a reserved opcode (masked, FIN set), serialised with other frames.</summary>
    public ValueTask SendMalformedFrameAsync(CancellationToken cancellationToken)
    {
        var frame = new byte[WsFrameEncoder.GetHeaderLength(0, masked: true)];
        _ = WsFrameEncoder.WriteFrame(frame, ReservedOpcode, fin: true, [], masked: true, (uint)Random.Shared.Next());
        return SendRawAsync(frame, cancellationToken);
    }

    /// <summary>
    /// Sends one binary message of <paramref name="size"/> bytes as a single masked frame, serialised with other frames
    /// (unlike <see cref="SendAsync"/> it may overlap a send in progress: it waits for the write gate).
    /// </summary>
    public async ValueTask SendOversizedAsync(int size, CancellationToken cancellationToken)
    {
        var headerLength = WsFrameEncoder.GetHeaderLength(size, masked: true);
        var frame = ArrayPool<byte>.Shared.Rent(headerLength + size);
        try
        {
            var payload = frame.AsSpan(headerLength, size);
            payload.Fill((byte)'x');
            _ = WsFrameEncoder.WriteFrame(frame, WsOpcode.Binary, fin: true, payload, masked: true, (uint)Random.Shared.Next());
            await SendRawAsync(frame.AsMemory(0, headerLength + size), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Waits while a read pause is in force. Called by the receive loop before each read.</summary>
    private Task ReadPauseEnded() => Volatile.Read(ref _readResumes);

    /// <summary>Ends a read pause at once (the connection is aborting).</summary>
    private void EndReadPause() => Volatile.Read(ref _readPause)?.Cancel();
}
