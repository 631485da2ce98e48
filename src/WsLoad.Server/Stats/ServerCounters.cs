using System.Collections.Concurrent;

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
    private long _repliesDelayed;
    private long _repliesCorrupted;
    private long _repliesDropped;
    private long _repliesDuplicated;
    private long _repliesStalled;
    private long _stalls;
    private long _stalledTicks;
    private long _cpuBurnedMessages;
    private long _cpuBurnedTicks;
    private long _acksSkipped;
    private long _pushSkipped;

    // Broadcast channels, kept once created (as the registry keeps their groups: names are few).
    private readonly ConcurrentDictionary<string, ChannelCounters> _channels = new(StringComparer.Ordinal);

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

    public void ReplyDelayed() => Interlocked.Increment(ref _repliesDelayed);

    public void ReplyCorrupted() => Interlocked.Increment(ref _repliesCorrupted);

    public void ReplyDropped() => Interlocked.Increment(ref _repliesDropped);

    public void ReplyDuplicated() => Interlocked.Increment(ref _repliesDuplicated);

    public void ReplyStalled() => Interlocked.Increment(ref _repliesStalled);

    public void StallStarted() => Interlocked.Increment(ref _stalls);

    /// <summary>Adds to the total stall window (a new stall, or the part by which a running one was extended).</summary>
    public void Stalled(TimeSpan added) => Interlocked.Add(ref _stalledTicks, added.Ticks);

    /// <summary>One message paid the CPU-per-message cost, <paramref name="burned"/> long.</summary>
    public void CpuBurned(TimeSpan burned)
    {
        Interlocked.Increment(ref _cpuBurnedMessages);
        Interlocked.Add(ref _cpuBurnedTicks, burned.Ticks);
    }

    /// <summary>Ack mode: a message got no ack (not a JSON object with an id, or binary).</summary>
    public void AckSkipped() => Interlocked.Increment(ref _acksSkipped);

    /// <summary>Push mode: a sequence number was skipped by the push gap fault.</summary>
    public void PushSkipped() => Interlocked.Increment(ref _pushSkipped);

    /// <summary>
    /// Broadcast mode: the counters of a channel (null: the clients without one, <see cref="ChannelStats.NoChannel"/>),
    /// created on first use. Called once per connection; the connection keeps what it gets.
    /// </summary>
    public ChannelCounters Channel(string? name) =>
        _channels.GetOrAdd(name ?? ChannelStats.NoChannel, static _ => new ChannelCounters());

    public ServerStats Snapshot(long currentConnections)
    {
        var channels = new ChannelStatsDictionary(_channels.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.Snapshot())));
        return new(
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
            Volatile.Read(ref _repliesDelayed),
            Volatile.Read(ref _repliesCorrupted),
            Volatile.Read(ref _repliesDropped),
            Volatile.Read(ref _repliesDuplicated),
            Volatile.Read(ref _repliesStalled),
            Volatile.Read(ref _stalls),
            (long)TimeSpan.FromTicks(Volatile.Read(ref _stalledTicks)).TotalMilliseconds,
            ProcessId,
            Volatile.Read(ref _cpuBurnedMessages),
            (long)TimeSpan.FromTicks(Volatile.Read(ref _cpuBurnedTicks)).TotalMilliseconds,
            Volatile.Read(ref _acksSkipped),
            Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 3),
            channels.Values.Sum(channel => channel.Delivered),
            channels.Values.Sum(channel => channel.DroppedByFault),
            Volatile.Read(ref _pushSkipped),
            channels);
    }
}
