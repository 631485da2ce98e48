namespace WsLoad.Fanout;

/// <summary>
/// One connection's subscription in a broadcast run: its channel, when it is due messages (published after its 101,
/// before its planned close less the message timeout), and what it has seen of each publisher. Touched only by the
/// connection's receive loop, and replaced on a reconnect.
/// </summary>
internal sealed class BroadcastSubscription(string channel, long begin, long end)
{
    public string Channel { get; } = channel;

    /// <summary>The 101: the server had registered the subscriber before it answered, so anything published later is due.</summary>
    public long Begin { get; } = begin;

    /// <summary>The planned end: messages published from here on may not have their timeout to arrive before the close.</summary>
    public long End { get; } = end;

    /// <summary>Per publisher (its connection id): the highest sequence seen and which of the 64 below it were.</summary>
    public Dictionary<int, PublisherTrack> Publishers { get; } = [];

    public bool IsDue(long sentTimestamp) => sentTimestamp > Begin && sentTimestamp < End;
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
