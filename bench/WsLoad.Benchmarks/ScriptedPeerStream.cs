using System.Text;
using System.Threading.Tasks.Sources;
using WsLoad.Connections;

namespace WsLoad.Benchmarks;

/// <summary>
/// An in-memory server end for <c>WsClientConnection.ConnectOverStreamAsync</c>: answers the upgrade with a valid 101,
/// then discards what the client writes and hands it only the bytes given to <see cref="Feed"/>. A read with nothing to
/// return stays pending until the next <see cref="Feed"/>, which completes it inline, so the client's receive loop
/// handles the frame on the caller's thread before <see cref="Feed"/> returns.
/// Threading: one benchmark thread; the connection's receive loop runs inline on it after the first pending read.
/// </summary>
internal sealed class ScriptedPeerStream : Stream, IValueTaskSource<int>
{
    private readonly MemoryStream _request = new();
    private ManualResetValueTaskSourceCore<int> _read; // RunContinuationsAsynchronously = false: continuations run inline
    private byte[]? _response;
    private ReadOnlyMemory<byte> _incoming;
    private Memory<byte> _pendingBuffer;
    private bool _readPending;
    private bool _handshakeDone;
    private bool _readerWaiting;

    public long BytesWritten { get; private set; }

    /// <summary>
    /// Whether the client awaits a pending read (its receive loop is idle). Set when the continuation is registered, not
    /// when the read is issued: completing a read before that would run the loop on the thread pool instead of inline.
    /// </summary>
    public bool IsReaderWaiting => Volatile.Read(ref _readerWaiting);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Makes <paramref name="bytes"/> the next data the client reads and wakes its pending read, if any.</summary>
    public void Feed(ReadOnlyMemory<byte> bytes)
    {
        _incoming = bytes;
        if (!_readPending)
        {
            return;
        }

        _readPending = false;
        Volatile.Write(ref _readerWaiting, false);
        _read.SetResult(Take(_pendingBuffer.Span));
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_response is not null)
        {
            var response = _response;
            _response = null;
            response.CopyTo(buffer);
            return new ValueTask<int>(response.Length);
        }

        if (!_incoming.IsEmpty)
        {
            return new ValueTask<int>(Take(buffer.Span));
        }

        _read.Reset();
        _pendingBuffer = buffer;
        _readPending = true;
        return new ValueTask<int>(this, _read.Version);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        BytesWritten += buffer.Length;
        if (_handshakeDone)
        {
            return; // frames from the client: discarded
        }

        _request.Write(buffer);
        var text = Encoding.ASCII.GetString(_request.GetBuffer(), 0, (int)_request.Length);
        if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            _handshakeDone = true;
            _response = UpgradeResponse(text);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    int IValueTaskSource<int>.GetResult(short token) => _read.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _read.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        _read.OnCompleted(continuation, state, token, flags);
        Volatile.Write(ref _readerWaiting, true);
    }

    private int Take(Span<byte> destination)
    {
        // A zero-byte read only learns that data is there; the data stays for the next read.
        var count = Math.Min(destination.Length, _incoming.Length);
        _incoming.Span[..count].CopyTo(destination);
        _incoming = _incoming[count..];
        return count;
    }

    private static byte[] UpgradeResponse(string request)
    {
        const string KeyHeader = "Sec-WebSocket-Key:";
        var start = request.IndexOf(KeyHeader, StringComparison.OrdinalIgnoreCase) + KeyHeader.Length;
        var key = request[start..request.IndexOf('\r', start)].Trim();
        var accept = new byte[WsUpgrade.AcceptLength];
        WsUpgrade.ComputeAccept(Encoding.ASCII.GetBytes(key), accept);
        return Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {Encoding.ASCII.GetString(accept)}\r\n\r\n");
    }
}
