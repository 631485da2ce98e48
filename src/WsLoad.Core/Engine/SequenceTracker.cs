namespace WsLoad.Engine;

/// <summary>How a received sequence number relates to the ones seen before on the same stream.</summary>
internal enum SequenceVerdict
{
    InOrder,
    OutOfOrder,
    Duplicate,
}

/// <summary>
/// Classifies received sequence numbers with a 64-message window of what was seen below the highest, so duplicates
/// and reordering are counted exactly within the window (older arrivals count as out of order). One rule for every
/// numbered stream: a connection's answers, a publisher's broadcasts on one subscriber, a server's pushes.
/// </summary>
internal static class SequenceTracker
{
    /// <summary>A connection's answers; every arrival but a duplicate counts as received once.</summary>
    public static SequenceVerdict Observe(ClientSession session, long sequence)
    {
        var verdict = Observe(ref session.HighestSequenceSeen, ref session.SeenWindow, sequence);
        if (verdict != SequenceVerdict.Duplicate)
        {
            session.ReceivedUnique++;
        }

        return verdict;
    }

    /// <summary>Any stream whose highest number and window below it are kept in <paramref name="highest"/> and <paramref name="window"/>.</summary>
    public static SequenceVerdict Observe(ref long highest, ref ulong window, long sequence)
    {
        if (sequence > highest)
        {
            var shift = sequence - highest;
            window = shift >= 64 ? 1UL : (window << (int)shift) | 1UL;
            highest = sequence;
            return SequenceVerdict.InOrder;
        }

        var age = highest - sequence;
        if (age >= 64)
        {
            return SequenceVerdict.OutOfOrder;
        }

        var bit = 1UL << (int)age;
        if ((window & bit) != 0)
        {
            return SequenceVerdict.Duplicate;
        }

        window |= bit;
        return SequenceVerdict.OutOfOrder;
    }
}
