namespace WsLoad.Engine;

/// <summary>How a received sequence number relates to the ones seen before on the same connection.</summary>
internal enum SequenceVerdict
{
    InOrder,
    OutOfOrder,
    Duplicate,
}

/// <summary>
/// Classifies received sequence numbers with a 64-message window of what was seen below the highest, so duplicates
/// and reordering are counted exactly within the window (older arrivals count as out of order).
/// </summary>
internal static class SequenceTracker
{
    public static SequenceVerdict Observe(ClientSession session, long sequence)
    {
        var highest = session.HighestSequenceSeen;
        if (sequence > highest)
        {
            var shift = sequence - highest;
            session.SeenWindow = shift >= 64 ? 1UL : (session.SeenWindow << (int)shift) | 1UL;
            session.HighestSequenceSeen = sequence;
            session.ReceivedUnique++;
            return SequenceVerdict.InOrder;
        }

        var age = highest - sequence;
        if (age >= 64)
        {
            session.ReceivedUnique++;
            return SequenceVerdict.OutOfOrder;
        }

        var bit = 1UL << (int)age;
        if ((session.SeenWindow & bit) != 0)
        {
            return SequenceVerdict.Duplicate;
        }

        session.SeenWindow |= bit;
        session.ReceivedUnique++;
        return SequenceVerdict.OutOfOrder;
    }
}
