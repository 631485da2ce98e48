namespace WsLoad.Network;

/// <summary>
/// When a chunk read at a moment may be passed on: latency ± jitter, plus a loss stall when the dice say so, never
/// before the chunk ahead of it (TCP keeps order, so a late chunk holds up the ones behind it). Pure.
/// </summary>
internal static class ChunkTiming
{
    /// <summary>The release timestamp of a chunk that arrived at <paramref name="arrival"/>, given the release of the one before.</summary>
    public static long Release(long arrival, long previousRelease, LinkConditions conditions, Random random, long frequency)
    {
        var delay = conditions.Latency;
        if (conditions.Jitter > TimeSpan.Zero)
        {
            delay += conditions.Jitter * ((random.NextDouble() * 2) - 1);
        }

        if (conditions.LossProbability > 0 && random.NextDouble() < conditions.LossProbability)
        {
            delay += conditions.LossStall;
        }

        var release = delay > TimeSpan.Zero ? arrival + (long)(delay.TotalSeconds * frequency) : arrival;
        return Math.Max(release, previousRelease);
    }
}
