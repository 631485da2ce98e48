namespace WsLoad.Planning;

/// <summary>Integer helpers shared by the schedules: exact counts over monotonic curves, overflow-safe sums.</summary>
internal static class PlanMath
{
    /// <summary>
    /// The number of indices i in [0, <paramref name="count"/>) with <c>timeOf(i) &lt;= ticks</c>, where
    /// <paramref name="timeOf"/> is non-decreasing in i. Binary search: O(log count), no allocation per index.
    /// </summary>
    public static int CountAtOrBefore(int count, long ticks, Func<int, long> timeOf)
    {
        int low = 0, high = count; // invariant: timeOf(< low) <= ticks, timeOf(>= high) > ticks
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (timeOf(mid) <= ticks)
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

    /// <summary><c>a * b / c</c> rounded down, without overflow for any non-negative long and int inputs.</summary>
    public static long MulDiv(long a, long b, long c) => (long)((Int128)a * b / c);

    /// <summary>Adds two non-negative tick counts, saturating at <see cref="long.MaxValue"/> instead of wrapping.</summary>
    public static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>Converts a non-negative double tick value to long ticks, rounding down and saturating.</summary>
    public static long FloorTicks(double ticks) =>
        ticks >= long.MaxValue ? long.MaxValue : ticks <= 0 || double.IsNaN(ticks) ? 0 : (long)Math.Floor(ticks);

    public static long NonNegativeTicks(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value.Ticks : throw new ArgumentOutOfRangeException(name, value, "must not be negative");
}
