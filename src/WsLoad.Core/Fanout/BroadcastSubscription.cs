namespace WsLoad.Fanout;

/// <summary>
/// One connection's subscription in a broadcast run: its channel, when it is due messages (published after its 101,
/// before its planned close less the message timeout), and what it has seen of each publisher. Made before the
/// connection connects (its receive loop may run before the connect returns), begun at the 101, and replaced on a
/// reconnect. The publisher tracks are touched only by the connection's receive loop; recording the subscription and
/// its early end is locked on this object, since the connect and the close may race.
/// </summary>
internal sealed class BroadcastSubscription(string channel, long end)
{
    private long _begin;

    public string Channel { get; } = channel;

    /// <summary>The 101 (0 until known): the server had registered the subscriber before it answered, so anything published later is due.</summary>
    public long Begin => Volatile.Read(ref _begin);

    /// <summary>The planned end: messages published from here on may not have their timeout to arrive before the close.</summary>
    public long End { get; } = end;

    /// <summary>Whether the subscription is in the ledger (+1 at its beginning, -1 at its planned end).</summary>
    public bool Recorded { get; set; }

    /// <summary>When the connection closed (0 = open): before <see cref="End"/>, its end is moved there.</summary>
    public long ClosedAt { get; set; }

    /// <summary>Per publisher (its connection id): the highest sequence seen and which of the 64 below it were.</summary>
    public Dictionary<int, PublisherTrack> Publishers { get; } = [];

    /// <summary>Sets the 101's time once; every caller passes the same one (the connection's open timestamp).</summary>
    public void BeginAt(long openTimestamp) => Interlocked.CompareExchange(ref _begin, openTimestamp, 0);

    public bool IsDue(long sentTimestamp) => Begin != 0 && sentTimestamp > Begin && sentTimestamp < End;
}

/// <summary>What one subscriber has seen of one publisher's sequence: the highest, and a 64-message window below it.</summary>
internal struct PublisherTrack
{
    public long Highest;
    public ulong Window;

    /// <summary>Classifies <paramref name="sequence"/> and records it, as <c>SequenceTracker</c> does for echoes.</summary>
    public Engine.SequenceVerdict Observe(long sequence)
    {
        if (sequence > Highest)
        {
            var shift = sequence - Highest;
            Window = shift >= 64 ? 1UL : (Window << (int)shift) | 1UL;
            Highest = sequence;
            return Engine.SequenceVerdict.InOrder;
        }

        var age = Highest - sequence;
        if (age >= 64)
        {
            return Engine.SequenceVerdict.OutOfOrder;
        }

        var bit = 1UL << (int)age;
        if ((Window & bit) != 0)
        {
            return Engine.SequenceVerdict.Duplicate;
        }

        Window |= bit;
        return Engine.SequenceVerdict.OutOfOrder;
    }
}
