namespace WsLoad.Metrics;

/// <summary>
/// The run's cumulative counters. Written with Interlocked from any thread; read as a consistent-enough
/// <see cref="SnapshotCounters"/> of running totals once a second (each field is read atomically; fields are not read
/// together); two readings subtract to an interval's counts.
/// </summary>
internal sealed class RunCounters
{
    private long _connectsAttempted;
    private long _connectsEstablished;
    private long _connectsFailed;
    private long _dropped;
    private long _closedNormally;
    private long _open;
    private long _sent;
    private long _received;
    private long _duplicated;
    private long _outOfOrder;
    private long _corrupted;
    private long _late;
    private long _missedSends;
    private long _bytesSent;
    private long _bytesReceived;
    private long _errors;
    private long _sequenceGaps;

    public long Open => Volatile.Read(ref _open);

    public void ConnectAttempted() => Interlocked.Increment(ref _connectsAttempted);

    public void ConnectFailed() => Interlocked.Increment(ref _connectsFailed);

    public void Established()
    {
        Interlocked.Increment(ref _connectsEstablished);
        Interlocked.Increment(ref _open);
    }

    public void Closed(bool byUs)
    {
        Interlocked.Decrement(ref _open);
        Interlocked.Increment(ref byUs ? ref _closedNormally : ref _dropped);
    }

    /// <summary>A connection the generator itself aborted (a <c>clientFaults</c> drop): no longer open, but not a drop by the server.</summary>
    public void ClosedByClientFault() => Interlocked.Decrement(ref _open);

    public void Sent(int bytes)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    public void Received(int bytes)
    {
        Interlocked.Increment(ref _received);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    public void Duplicated() => Interlocked.Increment(ref _duplicated);

    public void OutOfOrder() => Interlocked.Increment(ref _outOfOrder);

    public void Corrupted() => Interlocked.Increment(ref _corrupted);

    public void Late() => Interlocked.Increment(ref _late);

    public void MissedSend() => Interlocked.Increment(ref _missedSends);

    public void Error() => Interlocked.Increment(ref _errors);

    /// <summary>Push: <paramref name="count"/> sequence numbers skipped (negative: a late one filled its gap).</summary>
    public void SequenceGaps(long count) => Interlocked.Add(ref _sequenceGaps, count);

    /// <summary>The totals so far. The peak of open connections is the fold's (the most open at an interval's end).</summary>
    public SnapshotCounters Snapshot() => new()
    {
        ConnectsAttempted = Volatile.Read(ref _connectsAttempted),
        ConnectsEstablished = Volatile.Read(ref _connectsEstablished),
        ConnectsFailed = Volatile.Read(ref _connectsFailed),
        Dropped = Volatile.Read(ref _dropped),
        ClosedNormally = Volatile.Read(ref _closedNormally),
        Sent = Volatile.Read(ref _sent),
        Received = Volatile.Read(ref _received),
        Duplicated = Volatile.Read(ref _duplicated),
        OutOfOrder = Volatile.Read(ref _outOfOrder),
        Corrupted = Volatile.Read(ref _corrupted),
        Late = Volatile.Read(ref _late),
        MissedSends = Volatile.Read(ref _missedSends),
        BytesSent = Volatile.Read(ref _bytesSent),
        BytesReceived = Volatile.Read(ref _bytesReceived),
        Errors = Volatile.Read(ref _errors),
        SequenceGaps = Volatile.Read(ref _sequenceGaps),
    };
}
