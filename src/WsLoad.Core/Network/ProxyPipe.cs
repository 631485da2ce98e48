using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

namespace WsLoad.Network;

/// <summary>
/// One direction of one proxied connection: a reader that stamps each chunk with when it may be passed on, a bounded
/// queue, and a writer that waits for that moment, any partition and the bandwidth limit, then sends. The bounded queue
/// pushes back on the sender through TCP when the writer is slower. Threading: one reader and one writer task; the
/// owning <see cref="ProxyConnection"/> aborts both by closing the sockets and cancelling the token.
/// </summary>
internal sealed class ProxyPipe
{
    private const int ChunkBytes = 16 * 1024;
    private const int QueuedChunks = 64;

    private readonly Socket _source;
    private readonly Socket _destination;
    private readonly ToxicDirection _direction;
    private readonly ToxicSet _toxics;
    private readonly ReleaseClock _clock;
    private readonly Action<string> _reset;
    private long _bytesForwarded;
    private readonly Channel<Chunk> _queue = Channel.CreateBounded<Chunk>(
        new BoundedChannelOptions(QueuedChunks) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    // reset: resets the whole connection; the argument says why.
    public ProxyPipe(Socket source, Socket destination, ToxicDirection direction, ToxicSet toxics, ReleaseClock clock, Action<string> reset)
    {
        _source = source;
        _destination = destination;
        _direction = direction;
        _toxics = toxics;
        _clock = clock;
        _reset = reset;
    }

    /// <summary>Bytes passed on so far.</summary>
    public long BytesForwarded => Interlocked.Read(ref _bytesForwarded);

    /// <summary>Forwards until the source ends (then passes the end on) or the connection is aborted; never throws.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reading = ReadAsync(cancellationToken);
        var writing = WriteAsync(cancellationToken);
        await Task.WhenAll(reading, writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (_queue.Reader.TryRead(out var left))
        {
            ArrayPool<byte>.Shared.Return(left.Buffer);
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var time = _clock.Time;
        var previousRelease = 0L;
        try
        {
            while (true)
            {
                // Wait for data without a buffer, so an idle connection holds no pooled memory.
                _ = await _source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken);
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
                int length;
                try
                {
                    length = await _source.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                var conditions = _toxics.Current.For(_direction);
                if (conditions.DropProbability > 0 && Random.Shared.NextDouble() < conditions.DropProbability)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    _reset("loss");
                    return;
                }

                previousRelease = ChunkTiming.Release(time.GetTimestamp(), previousRelease, conditions, Random.Shared, time.TimestampFrequency);
                if (!_queue.Writer.TryWrite(new Chunk(buffer, length, previousRelease)))
                {
                    await WriteOrReturnAsync(new Chunk(buffer, length, previousRelease), cancellationToken);
                }
            }

            _queue.Writer.TryComplete();
        }
        catch (Exception exception)
        {
            _queue.Writer.TryComplete(exception);
            _reset("read failed");
        }
    }

    private async ValueTask WriteOrReturnAsync(Chunk chunk, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(chunk, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
            throw;
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var time = _clock.Time;
        var bucket = new TokenBucket(time.TimestampFrequency);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_queue.Reader.TryRead(out var chunk))
                {
                    try
                    {
                        await _clock.WaitUntilAsync(chunk.Release).WaitAsync(cancellationToken);
                        var conditions = await WhilePartitionedAsync(cancellationToken);
                        if (conditions.BytesPerSecond is { } rate)
                        {
                            var now = time.GetTimestamp();
                            var wait = bucket.Take(chunk.Length, rate, now);
                            if (wait > TimeSpan.Zero)
                            {
                                await _clock.WaitUntilAsync(now + (long)(wait.TotalSeconds * time.TimestampFrequency)).WaitAsync(cancellationToken);
                            }
                        }

                        await SendAllAsync(chunk, cancellationToken);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(chunk.Buffer);
                    }
                }
            }

            await PassOnTheEndAsync(cancellationToken);
        }
        catch (Exception)
        {
            _reset("write failed");
        }
    }

    /// <summary>Holds while a partition is in place; returns the conditions once it is not.</summary>
    private async ValueTask<LinkConditions> WhilePartitionedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = _toxics.Current;
            var conditions = snapshot.For(_direction);
            if (!conditions.Partitioned)
            {
                return conditions;
            }

            await snapshot.Changed.WaitAsync(cancellationToken);
        }
    }

    private async ValueTask SendAllAsync(Chunk chunk, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < chunk.Length)
        {
            sent += await _destination.SendAsync(chunk.Buffer.AsMemory(sent, chunk.Length - sent), SocketFlags.None, cancellationToken);
        }

        Interlocked.Add(ref _bytesForwarded, chunk.Length);
    }

    // The source ended: pass the FIN on, late if a slow-close toxic says so (and not through a partition).
    private async ValueTask PassOnTheEndAsync(CancellationToken cancellationToken)
    {
        var conditions = await WhilePartitionedAsync(cancellationToken);
        if (conditions.SlowClose > TimeSpan.Zero)
        {
            await Task.Delay(conditions.SlowClose, _clock.Time, cancellationToken);
        }

        _destination.Shutdown(SocketShutdown.Send);
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, long Release);
}
