using System.Buffers;
using System.IO.Pipelines;

namespace WsLoad.Tests.Connections;

/// <summary>One end of an in-memory duplex connection. Supports zero-byte reads; Dispose ends the other side's reads.</summary>
internal sealed class PipeDuplexStream(PipeReader input, PipeWriter output) : Stream
{
    private volatile bool _disposed;

    public static (PipeDuplexStream Client, PipeDuplexStream Server) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new PipeDuplexStream(toClient.Reader, toServer.Writer), new PipeDuplexStream(toServer.Reader, toClient.Writer));
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = await input.ReadAsync(cancellationToken);
        ObjectDisposedException.ThrowIf(result.IsCanceled || _disposed, this);

        var data = result.Buffer;
        if (data.IsEmpty && result.IsCompleted)
        {
            input.AdvanceTo(data.End);
            return 0;
        }

        var count = (int)Math.Min(buffer.Length, data.Length);
        var end = data.GetPosition(count);
        data.Slice(0, end).CopyTo(buffer.Span);
        input.AdvanceTo(end);
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await output.WriteAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (!_disposed)
        {
            _disposed = true;
            input.CancelPendingRead();
            output.Complete();
        }

        base.Dispose(disposing);
    }
}
