namespace WsLoad.Server.Connections;

/// <summary>
/// A bounded per-connection send queue, so one slow client never holds up sends to the others: producers
/// (broadcasting receive loops, push loops) only enqueue; one drain at a time, run on the thread pool, sends.
/// Threading: <see cref="TryEnqueue"/> and <see cref="Clear"/> are safe from any thread; no task is parked
/// per idle connection.
/// </summary>
internal sealed class OutboundQueue : IThreadPoolWorkItem
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<OutboundMessage> _queue = new();
    private readonly Func<OutboundMessage, ValueTask<bool>> _send;
    private readonly int _capacity;
    private int _count;
    private int _draining;

    /// <param name="send">Sends one message (false when the connection is closing); must not throw.</param>
    /// <param name="capacity">Messages that may wait; more are refused.</param>
    public OutboundQueue(Func<OutboundMessage, ValueTask<bool>> send, int capacity)
    {
        _send = send;
        _capacity = capacity;
    }

    /// <summary>Messages waiting now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Queues a message; false when the queue is full (the caller counts the drop).</summary>
    public bool TryEnqueue(OutboundMessage message)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _queue.Enqueue(message);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    /// <summary>Forgets waiting messages (the connection is gone).</summary>
    public void Clear()
    {
        while (_queue.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    private async Task DrainAsync()
    {
        while (true)
        {
            while (_queue.TryDequeue(out var message))
            {
                Interlocked.Decrement(ref _count);
                _ = await _send(message);
            }

            Volatile.Write(ref _draining, 0);
            // A producer may have enqueued after the last TryDequeue but seen _draining == 1: take the work over.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
            {
                return;
            }
        }
    }
}
