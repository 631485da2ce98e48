namespace WsLoad.Planning;

/// <summary>
/// How the slots are dealt to the segments of a sequence (k6's striping): the slots repeat in cycles of
/// <see cref="Cycle"/> (the common denominator of the bounds), and a segment of length n/Cycle owns n positions in
/// every cycle, spread as evenly as the others allow. Every position belongs to exactly one segment.
/// </summary>
/// <remarks>
/// Positions are dealt in order. Position i goes to the segment that has had c positions so far and whose c-th position
/// is due (c·Cycle/n ≤ i); among those due, the longest segment wins, then the first. One is always due: were none, every
/// c would exceed i·n/Cycle, and the c, which sum to i, would sum to more than i. Dealing this way rather than in blocks
/// gives each segment slots from the whole ramp-up, so every process sees the same ramp shape. Immutable.
/// </remarks>
internal sealed class SegmentStripes
{
    private readonly int[][] positions;

    /// <param name="lengths">Each segment's length as a count of positions per cycle (positive, summing to the cycle).</param>
    public SegmentStripes(IReadOnlyList<int> lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        Cycle = lengths.Sum();
        positions = lengths.Select(n => new int[n]).ToArray();
        var dealt = new int[lengths.Count];
        var rank = RankByLength(lengths);

        // Segments waiting for their next position to be due, by due position; and those due, by rank.
        var waiting = new PriorityQueue<int, long>();
        var due = new PriorityQueue<int, int>();
        for (var segment = 0; segment < lengths.Count; segment++)
        {
            waiting.Enqueue(segment, 0);
        }

        for (var position = 0; position < Cycle; position++)
        {
            while (waiting.TryPeek(out var segment, out var dueAt) && dueAt <= position)
            {
                waiting.Dequeue();
                due.Enqueue(segment, rank[segment]);
            }

            var chosen = due.Dequeue(); // never empty: see the remarks
            positions[chosen][dealt[chosen]++] = position;
            if (dealt[chosen] < lengths[chosen])
            {
                waiting.Enqueue(chosen, DueAt(dealt[chosen], lengths[chosen]));
            }
        }
    }

    /// <summary>The number of positions in one cycle: the sum of the segments' lengths.</summary>
    public int Cycle { get; }

    /// <summary>The positions of <paramref name="segment"/> in each cycle, in increasing order.</summary>
    public IReadOnlyList<int> PositionsOf(int segment) => positions[segment];

    /// <summary>The first position at which a segment of n positions may take its c-th: ceil(c·Cycle/n).</summary>
    private long DueAt(int c, int n) => (((long)c * Cycle) + n - 1) / n;

    /// <summary>Each segment's rank: longest first, then in sequence order.</summary>
    private static int[] RankByLength(IReadOnlyList<int> lengths)
    {
        var order = Enumerable.Range(0, lengths.Count).OrderByDescending(i => lengths[i]).ThenBy(i => i).ToArray();
        var rank = new int[lengths.Count];
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        return rank;
    }
}
