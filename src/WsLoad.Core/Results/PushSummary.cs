namespace WsLoad.Results;

/// <summary>
/// A push run's stream (<c>expect: push</c>): the server's numbered messages as the connections got them. Duplicates and
/// reordering are in <see cref="MessageSummary"/>, as for every run.
/// </summary>
public sealed record PushSummary
{
    public long Received { get; init; }

    /// <summary>Numbers never received: skipped between two that were (or before a connection's first one).</summary>
    public long Gaps { get; init; }

    /// <summary>Received of received and gaps, %; null when nothing was received.</summary>
    public double? DeliveredPercent { get; init; }

    /// <summary>Time between two arrivals on one connection (ms).</summary>
    public LatencySummary? InterArrivalMs { get; init; }

    /// <summary>One way, from the server's timestamp to the arrival (ms); null without <c>messages.push.timestampField</c>.</summary>
    public LatencySummary? LatencyMs { get; init; }

    /// <summary>What <see cref="LatencyMs"/> compares: which clocks, and how far to trust them.</summary>
    public string? ClockBasis { get; init; }
}
