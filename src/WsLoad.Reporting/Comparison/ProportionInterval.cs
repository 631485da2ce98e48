namespace WsLoad.Reporting.Comparison;

/// <summary>
/// The Wilson score interval of a binomial proportion k/n: sound at 0 and at n (where the plain normal interval
/// collapses to a point), so "0 errors out of 50" still leaves room for a few.
/// </summary>
internal static class ProportionInterval
{
    /// <summary>The interval of the proportion (0..1) of <paramref name="events"/> among <paramref name="trials"/>; null without trials.</summary>
    public static Interval? Of(long events, long trials, double z = QuantileInterval.Z95)
    {
        if (trials <= 0)
        {
            return null;
        }

        var n = (double)trials;
        var p = Math.Clamp(events / n, 0, 1);
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var spread = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return new Interval(Math.Max(0, centre - spread), Math.Min(1, centre + spread));
    }
}
