using WsLoad.Scenarios;

namespace WsLoad.Planning;

/// <summary>
/// The wait before each reconnect attempt of a <see cref="ReconnectOptions"/> policy: a pure function of the attempt
/// number and a uniform draw (no clock, no randomness of its own), so it is tested as a table.
/// </summary>
internal static class ReconnectBackoff
{
    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> (1 = the first after the drop). Immediate: zero. Fixed: the
    /// delay. Exponential: delay × 2^(attempt−1), at most the max delay. Then jitter: the wait is scaled by
    /// 1 + jitter × (2 × <paramref name="draw"/> − 1), i.e. drawn uniformly within ± jitter of itself, and an
    /// exponential wait never exceeds the max delay.
    /// </summary>
    /// <param name="options">The policy.</param>
    /// <param name="attempt">The attempt, from 1.</param>
    /// <param name="draw">A uniform draw in [0, 1).</param>
    public static TimeSpan DelayBefore(ReconnectOptions options, int attempt, double draw)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var baseTicks = options.Policy switch
        {
            ReconnectPolicy.Fixed => options.Delay.Ticks,
            ReconnectPolicy.Exponential => ExponentialTicks(options, attempt),
            _ => 0,
        };
        if (baseTicks == 0)
        {
            return TimeSpan.Zero;
        }

        var factor = 1 + (options.Jitter * ((2 * Math.Clamp(draw, 0, 1)) - 1));
        var ticks = (long)Math.Round(baseTicks * Math.Max(0, factor));
        if (options.Policy == ReconnectPolicy.Exponential)
        {
            ticks = Math.Min(ticks, options.MaxDelay.Ticks);
        }

        return TimeSpan.FromTicks(ticks);
    }

    private static long ExponentialTicks(ReconnectOptions options, int attempt)
    {
        // Doubling past the max is pointless and would overflow: cap the exponent first.
        var doublings = Math.Min(attempt - 1, 40);
        var ticks = options.Delay.Ticks * Math.Pow(2, doublings);
        return (long)Math.Min(ticks, options.MaxDelay.Ticks);
    }
}
