namespace WsLoad.Workers;

/// <summary>
/// One side of a controller-worker connection: frames out, taking turns so they never interleave, and frames in.
/// Threading: any number of senders; one reader.
/// </summary>
public sealed class WorkerChannel : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly SemaphoreSlim _sending = new(1, 1);

    public WorkerChannel(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    public async Task SendAsync(WorkerMessage message, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await WorkerFrameCodec.WriteAsync(_stream, message, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next message; null when the other side closed the connection between frames.</summary>
    public ValueTask<WorkerMessage?> ReceiveAsync(CancellationToken cancellationToken) => WorkerFrameCodec.ReadAsync(_stream, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _sending.Dispose();
    }
}
