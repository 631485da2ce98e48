namespace WsLoad.Results;

/// <summary>
/// What one process's <see cref="AvailabilitySummary"/> is made of, so several processes' availability merges exactly
/// (<see cref="RunResultBuilder"/>): the up and window time of all its connections, and each connection's own
/// availability, sorted, for the lowest and the median. Carried in a worker's final record; not written to run.json.
/// </summary>
public sealed record AvailabilityParts
{
    public double UpSeconds { get; init; }

    public double WindowSeconds { get; init; }

    /// <summary>Each connection's up time over its window (0..1), ascending.</summary>
    public IReadOnlyList<double> ConnectionFractions { get; init; } = [];

    /// <summary>Merges processes' parts: times add, and the connections' fractions merge into one sorted list.</summary>
    public static AvailabilityParts Merge(IEnumerable<AvailabilityParts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var all = parts.ToList();
        return new AvailabilityParts
        {
            UpSeconds = all.Sum(p => p.UpSeconds),
            WindowSeconds = all.Sum(p => p.WindowSeconds),
            ConnectionFractions = [.. all.SelectMany(p => p.ConnectionFractions).Order()],
        };
    }

    /// <summary>The summary of these parts; null when no connection had a window.</summary>
    public AvailabilitySummary? Summarize(long drops, RecoverySummary? recovery)
    {
        if (ConnectionFractions.Count == 0 || WindowSeconds <= 0)
        {
            return null;
        }

        return new AvailabilitySummary
        {
            OverallPercent = Percent(UpSeconds / WindowSeconds),
            MinConnectionPercent = Percent(ConnectionFractions[0]),
            MedianConnectionPercent = Percent(ConnectionFractions[ConnectionFractions.Count / 2]),
            ConnectionsBelowFull = ConnectionFractions.Count(p => p < 0.9999),
            Failures = drops,
            Recoveries = recovery?.Reconnects ?? 0,
            MtbfSeconds = drops > 0 ? Math.Round(UpSeconds / drops, 3) : null,
            MttrSeconds = recovery?.MttrSeconds,
        };
    }

    private static double Percent(double fraction) => Math.Round(100 * fraction, 4);
}
