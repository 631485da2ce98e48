namespace WsLoad.Planning;

/// <summary>
/// One process's share of a run, as in k6: the interval (from, to] of the whole run (0, 1], within the
/// <see cref="ExecutionSegmentSequence"/> that all processes of the run agree on. Each process computes its own
/// connections, their open and close times, and its rates from the global plan and its segment; a single-process run
/// is <see cref="Full"/>, so one process, local workers and remote agents take one code path. Immutable.
/// </summary>
/// <remarks>
/// <para><b>Connections.</b> The plan's slots are dealt to the sequence's segments in a repeating, interleaved pattern
/// (k6's striping, see <see cref="SegmentStripes"/>), so each global slot belongs to exactly one segment and every
/// segment sees the same ramp shape. A segment holds its slots under their global ids, at their global open and close
/// times: connection ids, which the correlation stamps carry, never collide across processes.</para>
/// <para><b>Rates.</b> A per-connection <c>messages.rate</c> is unchanged: it belongs to the connection, wherever it runs.
/// <c>messages.totalRate</c> is scaled by the segment's share of the slots, k/N (k held here, N in the plan), and then
/// spread over the connections open in this process, as a whole run spreads it. So once every slot is open each
/// connection sends totalRate/N whichever process holds it, and since the segments' k add up to N their rates add up
/// exactly to totalRate. The share is k/N rather than the segment's length because a segment can hold more or fewer
/// slots than its length (1 connection, 2 segments: one holds it, and must send the whole rate). Processes do not
/// coordinate: while a segment has none of its slots open (early in the ramp-up, late in the ramp-down) its share is
/// not sent by anyone. With no slots at all the share is the segment's length; nothing is sent anyway.</para>
/// </remarks>
public sealed class ExecutionSegment : IEquatable<ExecutionSegment>
{
    internal ExecutionSegment(ExecutionSegmentSequence sequence, int index)
    {
        Sequence = sequence;
        Index = index;
        From = sequence.Bound(index);
        To = sequence.Bound(index + 1);
    }

    /// <summary>The whole run, (0, 1]: the segment of a single-process run, which runs exactly the global plan.</summary>
    public static ExecutionSegment Full => ExecutionSegmentSequence.Whole.Segments[0];

    /// <summary>The sequence this segment is one of; it decides which slots the segment holds.</summary>
    public ExecutionSegmentSequence Sequence { get; }

    /// <summary>The segment's position in <see cref="Sequence"/>, from 0.</summary>
    public int Index { get; }

    /// <summary>Whether this is the whole run.</summary>
    public bool IsFull => From == Rational.Zero && To == Rational.One;

    /// <summary>The exclusive start of the interval.</summary>
    internal Rational From { get; }

    /// <summary>The inclusive end of the interval.</summary>
    internal Rational To { get; }

    /// <summary>
    /// Reads <c>from:to</c>, such as <c>1/3:2/3</c> or <c>25%:50%</c>, or <c>to</c> alone for (0, to]. Its sequence is
    /// the one that cuts the run at its bounds (<c>0,1/3,2/3,1</c> for <c>1/3:2/3</c>); processes that cut the run
    /// otherwise name their common sequence with <see cref="Parse(string, string)"/>.
    /// </summary>
    /// <exception cref="FormatException">Not such a segment; the message says what is wrong.</exception>
    public static ExecutionSegment Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var from = colon < 0 ? Rational.Zero : ParseBound(text[..colon], text);
        var to = ParseBound(text[(colon + 1)..], text);
        if (to > Rational.One)
        {
            throw new FormatException($"execution segment '{text}' ends at {to}, beyond 1: a segment lies within the whole run (0, 1]");
        }

        if (to <= from)
        {
            throw new FormatException($"execution segment '{text}' is empty: it must start below its end, as in 1/3:2/3");
        }

        // The sequence 0, from, to, 1, without repeating 0 or 1.
        var bounds = new List<Rational> { Rational.Zero };
        if (from != Rational.Zero)
        {
            bounds.Add(from);
        }

        bounds.Add(to);
        if (to != Rational.One)
        {
            bounds.Add(Rational.One);
        }

        var sequence = ExecutionSegmentSequence.FromBounds(bounds, $"execution segment '{text}'");
        return sequence.Segments[from == Rational.Zero ? 0 : 1];
    }

    /// <summary>Reads <paramref name="segment"/> as <see cref="Parse(string)"/> does, as one of the segments of <paramref name="sequence"/>.</summary>
    /// <exception cref="FormatException">Either does not parse, or the segment is not one of the sequence's.</exception>
    public static ExecutionSegment Parse(string segment, string sequence)
    {
        var alone = Parse(segment);
        var cut = ExecutionSegmentSequence.Parse(sequence);
        return cut.Segments.FirstOrDefault(s => s.From == alone.From && s.To == alone.To)
            ?? throw new FormatException(
                $"execution segment '{segment}' is not one of the segments of '{sequence}' ({string.Join(", ", cut.Segments)}); a process runs one of them");
    }

    /// <summary>The segment's slots in a plan of <paramref name="globalSlotCount"/> slots.</summary>
    internal SegmentSlots SlotsOf(int globalSlotCount) =>
        new(Sequence.Stripes.PositionsOf(Index), Sequence.Stripes.Cycle, globalSlotCount, To - From);

    /// <summary><c>from:to</c>, such as <c>1/3:2/3</c>; the sequence is <see cref="Sequence"/>'s text.</summary>
    public override string ToString() => $"{From}:{To}";

    public bool Equals(ExecutionSegment? other) => other is not null && Index == other.Index && Sequence.Equals(other.Sequence);

    public override bool Equals(object? obj) => Equals(obj as ExecutionSegment);

    public override int GetHashCode() => HashCode.Combine(Sequence, Index);

    private static Rational ParseBound(string part, string text)
    {
        try
        {
            return Rational.Parse(part);
        }
        catch (FormatException error)
        {
            throw new FormatException($"execution segment '{text}': {error.Message}", error);
        }
    }
}
