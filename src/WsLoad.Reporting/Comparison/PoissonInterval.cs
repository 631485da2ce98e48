namespace WsLoad.Reporting.Comparison;

/// <summary>
/// The score interval of a Poisson count N: N + z²/2 ± z·√(N + z²/4). A rate counted over a time (N/T) has the same
/// relative interval as its count, which is how connect rates get their noise.
/// </summary>
internal static class PoissonInterval
{
    public static Interval Of(long count, double z = QuantileInterval.Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var centre = count + (z * z / 2);
        var spread = z * Math.Sqrt(count + (z * z / 4));
        return new Interval(Math.Max(0, centre - spread), centre + spread);
    }

    /// <summary>The interval of <paramref name="rate"/>, measured as <paramref name="count"/> events over some time; null without events.</summary>
    public static Interval? OfRate(double rate, long count, double z = QuantileInterval.Z95) =>
        count > 0 ? Of(count, z).Scale(rate / count) : null;
}
