namespace WsLoad.Planning;

/// <summary>
/// One execution segment's share of a plan of <see cref="GlobalCount"/> slots: which global slots it holds, in
/// increasing order, numbered 0..<see cref="Count"/>−1 locally. A formula over the index (whole cycles of the
/// segment's stripe), so a million slots cost no more memory than ten. Immutable.
/// </summary>
internal sealed class SegmentSlots
{
    private readonly IReadOnlyList<int> positions;
    private readonly int cycle;

    public SegmentSlots(IReadOnlyList<int> positions, int cycle, int globalCount, Rational length)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentOutOfRangeException.ThrowIfNegative(globalCount);
        this.positions = positions;
        this.cycle = cycle;
        GlobalCount = globalCount;
        Count = checked((int)((long)(globalCount / cycle) * positions.Count) + PositionsBelow(globalCount % cycle));

        // With no slot at all nothing is sent; the length keeps the shares of a sequence summing to one.
        TotalRateShare = globalCount == 0 ? length : new Rational(Count, globalCount);
    }

    /// <summary>The number of slots in the whole plan.</summary>
    public int GlobalCount { get; }

    /// <summary>The number of slots this segment holds.</summary>
    public int Count { get; }

    /// <summary>The segment's share of <c>messages.totalRate</c>: <see cref="Count"/>/<see cref="GlobalCount"/>.</summary>
    public Rational TotalRateShare { get; }

    /// <summary>The global slot of local slot <paramref name="local"/>; increasing in <paramref name="local"/>.</summary>
    public int GlobalSlot(int local)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(local);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(local, Count);
        var (cycles, within) = Math.DivRem(local, positions.Count);
        return (int)(((long)cycles * cycle) + positions[within]);
    }

    /// <summary>The local slot of global slot <paramref name="global"/>, or null when another segment holds it.</summary>
    public int? LocalSlot(int global)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(global);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(global, GlobalCount);
        var (cycles, within) = Math.DivRem(global, cycle);
        var below = PositionsBelow(within);
        return below < positions.Count && positions[below] == within ? (cycles * positions.Count) + below : null;
    }

    /// <summary>How many of the segment's positions in a cycle are below <paramref name="position"/>.</summary>
    private int PositionsBelow(int position)
    {
        int low = 0, high = positions.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (positions[mid] < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
