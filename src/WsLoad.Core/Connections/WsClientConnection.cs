using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace WsLoad.Connections;

/// <summary>
/// One client WebSocket connection: a hand-written RFC 6455 client over a <see cref="Stream"/>, built to hold almost
/// nothing while idle (zero-byte reads, pooled buffers returned when no frame is pending, no timer).
/// Threading: <see cref="IWsConnectionHandler.OnMessage"/> calls for one connection are sequential (they come from its
/// receive loop); <see cref="SendAsync"/> may be called from any thread but not concurrently with itself;
/// <see cref="CloseAsync(ushort, string?, TimeSpan?)"/> and <see cref="Abort"/> may race with anything.
/// </summary>
/// <remarks>Split by concern: <c>.Connect</c> (socket, TLS), <c>.Handshake</c> (upgrade), <c>.Sender</c>, <c>.Receiver</c>, <c>.Close</c>.</remarks>
[SuppressMessage("Design", "CA1001", Justification = "_writeGate never creates a wait handle; Abort/close end the connection.")]
internal sealed partial class WsClientConnection
{
    private readonly Stream _stream;
    private readonly Socket? _socket;
    private readonly IWsConnectionHandler _handler;
    private readonly int _maxMessageBytes;
    private readonly TimeProvider _timeProvider;

    // Serialises frame writes so that pong/close frames never interleave with a data frame. Uncontended waits are synchronous
    // and allocate nothing; no wait handle is ever created, so it needs no disposal.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private ulong _maskState;
    private Task _receiveTask = Task.CompletedTask;

    private WsClientConnection(
        Stream stream, Socket? socket, IWsConnectionHandler handler, WsConnectRequest request, HandshakeResult handshake,
        ConnectTimings timings, object? state)
    {
        _stream = stream;
        _socket = socket;
        _handler = handler;
        _maxMessageBytes = request.MaxMessageBytes;
        _timeProvider = request.TimeProvider;
        Subprotocol = handshake.Subprotocol;
        Timings = timings;
        State = state;
        _buffer = handshake.Leftover;
        _buffered = handshake.LeftoverCount;
        _lastReadTimestamp = timings.OpenTimestamp;
        Span<byte> seed = stackalloc byte[8];
        RandomNumberGenerator.Fill(seed);
        _maskState = BitConverter.ToUInt64(seed) | 1; // xorshift must not start at zero
    }

    /// <summary>Phase durations of the connection set-up.</summary>
    public ConnectTimings Timings { get; }

    /// <summary>The subprotocol the server chose, as the instance offered in the request; null if none.</summary>
    public string? Subprotocol { get; }

    /// <summary>The engine's per-connection state. Pass it to ConnectAsync: messages may arrive before the caller resumes.</summary>
    public object? State { get; set; }

    /// <summary>A <see cref="SendAsync"/> call has not completed yet.</summary>
    public bool IsSendPending => Volatile.Read(ref _sendPending) != 0;

    /// <summary>No close frame has been sent or received and the connection was not aborted.</summary>
    public bool IsOpen => (Volatile.Read(ref _flags) & (FlagCloseSent | FlagCloseReceived | FlagAborted | FlagClosed)) == 0;

    /// <summary>Completes after the connection has ended and <see cref="IWsConnectionHandler.OnClosed"/> has returned. Never faults.</summary>
    public Task Completion => _receiveTask;

    private void Start()
    {
        _receiveTask = ReceiveLoopAsync();
    }

    /// <summary>xorshift64: masks only need to be unpredictable to intermediaries, not cryptographic. Called under the write gate.</summary>
    private uint NextMaskKey()
    {
        var x = _maskState;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        _maskState = x;
        return (uint)(x >> 32);
    }

    private static long Now() => Stopwatch.GetTimestamp();
}
