namespace WsLoad.Results;

/// <summary>
/// How much of the time the connections were up, from connects, drops and (with a reconnect policy) recoveries.
/// A connection's window runs from its planned open to its planned close (or the end of the run); it is up from its
/// 101 until it closes. A connection that never connected was down for its whole window.
/// </summary>
public sealed record AvailabilitySummary
{
    /// <summary>Up time over window time, all connections together, %.</summary>
    public double OverallPercent { get; init; }

    /// <summary>The lowest per-connection availability, %.</summary>
    public double MinConnectionPercent { get; init; }

    /// <summary>The median per-connection availability, %.</summary>
    public double MedianConnectionPercent { get; init; }

    /// <summary>Connections whose availability was below 100% (dropped, failed or late to connect).</summary>
    public long ConnectionsBelowFull { get; init; }

    /// <summary>Failures of established connections (drops).</summary>
    public long Failures { get; init; }

    /// <summary>Dropped connections that came back (needs a reconnect policy).</summary>
    public long Recoveries { get; init; }

    /// <summary>Mean time between failures: total up time ÷ failures, seconds; null without failures.</summary>
    public double? MtbfSeconds { get; init; }

    /// <summary>Mean time to recover from a drop, seconds; null when nothing recovered.</summary>
    public double? MttrSeconds { get; init; }
}
