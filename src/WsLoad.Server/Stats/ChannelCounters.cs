namespace WsLoad.Server.Stats;

/// <summary>
/// Broadcast mode: one channel's counters (<see cref="ChannelStats"/>). Created once per channel name and held by its
/// connections and by the messages published on it, so counting a delivery is one <see cref="Interlocked"/> operation
/// with no lookup. Threading: safe from any thread.
/// </summary>
internal sealed class ChannelCounters
{
    private long _subscribers;
    private long _published;
    private long _delivered;
    private long _dropped;
    private long _droppedByFault;

    public void Subscribed() => Interlocked.Increment(ref _subscribers);

    public void Unsubscribed() => Interlocked.Decrement(ref _subscribers);

    public void Published() => Interlocked.Increment(ref _published);

    public void Delivered() => Interlocked.Increment(ref _delivered);

    public void Dropped() => Interlocked.Increment(ref _dropped);

    public void DroppedByFault() => Interlocked.Increment(ref _droppedByFault);

    public ChannelStats Snapshot() => new(
        Volatile.Read(ref _subscribers),
        Volatile.Read(ref _published),
        Volatile.Read(ref _delivered),
        Volatile.Read(ref _dropped),
        Volatile.Read(ref _droppedByFault));
}
