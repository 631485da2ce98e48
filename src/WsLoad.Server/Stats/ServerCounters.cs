namespace WsLoad.Server.Stats;

/// <summary>
/// The server's counters. Thread-safe: every update is one <see cref="Interlocked"/> operation and
/// <see cref="Snapshot"/> reads without locks, so counting never blocks a connection.
/// </summary>
internal sealed class ServerCounters
{
    private static readonly int ProcessId = Environment.ProcessId;

    private long _totalAccepted;
    private long _upgradesRefused;
    private long _messagesIn;
    private long _messagesOut;
    private long _bytesIn;
    private long _bytesOut;
    private long _broadcastDropped;
    private long _pushDropped;
    private long _closedByFault;
    private long _abortedByFault;

    public void Accepted() => Interlocked.Increment(ref _totalAccepted);

    public void UpgradeRefused() => Interlocked.Increment(ref _upgradesRefused);

    public void MessageIn(int bytes)
    {
        Interlocked.Increment(ref _messagesIn);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    public void MessageOut(int bytes)
    {
        Interlocked.Increment(ref _messagesOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    public void BroadcastDropped() => Interlocked.Increment(ref _broadcastDropped);

    public void PushDropped(long count) => Interlocked.Add(ref _pushDropped, count);

    public void ClosedByFault() => Interlocked.Increment(ref _closedByFault);

    public void AbortedByFault() => Interlocked.Increment(ref _abortedByFault);

    public ServerStats Snapshot(long currentConnections) => new(
        currentConnections,
        Volatile.Read(ref _totalAccepted),
        Volatile.Read(ref _upgradesRefused),
        Volatile.Read(ref _messagesIn),
        Volatile.Read(ref _messagesOut),
        Volatile.Read(ref _bytesIn),
        Volatile.Read(ref _bytesOut),
        Volatile.Read(ref _broadcastDropped),
        Volatile.Read(ref _pushDropped),
        Volatile.Read(ref _closedByFault),
        Volatile.Read(ref _abortedByFault),
        ProcessId);
}
