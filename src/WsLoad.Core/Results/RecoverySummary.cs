namespace WsLoad.Results;

/// <summary>
/// Drops, reconnects and message recovery (<c>summary.recovery</c>). Present when the scenario has a reconnect policy or
/// any connection dropped. A drop is an established connection that ended without our asking and not with a clean
/// 1000/1001 close: an abnormal closure (1006), a reset, or another close code.
/// </summary>
public sealed record RecoverySummary
{
    /// <summary>The reconnect policy: none, immediate, fixed or exponential.</summary>
    public string Policy { get; init; } = "none";

    /// <summary>Message recovery: none or resend.</summary>
    public string MessageRecovery { get; init; } = "none";

    public long Drops { get; init; }

    /// <summary>Reconnect attempts started (each also counts in connections.attempted).</summary>
    public long ReconnectAttempts { get; init; }

    /// <summary>Drops that came back: attempts that ended with a 101.</summary>
    public long Reconnects { get; init; }

    /// <summary>Reconnect attempts that failed (each also counts in connections.failed).</summary>
    public long ReconnectFailures { get; init; }

    /// <summary>Drops that stayed down: every one of maxAttempts attempts failed.</summary>
    public long GaveUp { get; init; }

    /// <summary>Per connection, from the drop to the 101 of its reconnect (backoff waits included), ms. Histogram <c>reconnect</c>.</summary>
    public LatencySummary? ReconnectTimeMs { get; init; }

    /// <summary>Mean time to restore a dropped connection (mean of the reconnect times), seconds; null without reconnects.</summary>
    public double? MttrSeconds { get; init; }

    /// <summary>Messages sent and not yet answered on connections when they dropped (summed over the drops).</summary>
    public long InFlightAtDrops { get; init; }

    /// <summary>Messages sent again on a reconnected connection (same connection id and sequence).</summary>
    public long MessagesResent { get; init; }

    /// <summary>Resent messages whose reply arrived.</summary>
    public long MessagesRecovered { get; init; }

    /// <summary>
    /// Messages lost across drops: without resend, every message in flight at a drop; with resend, those resent and never
    /// answered plus those too old to resend (beyond the last 64 of their connection). They are part of messages.lost.
    /// </summary>
    public long MessagesLost { get; init; }

    /// <summary>When the service as a whole was back after the first burst of drops; null when no connection dropped.</summary>
    public ServiceRecoverySummary? Service { get; init; }

    /// <summary>
    /// The same for every burst of drops, in order (the first is <see cref="Service"/>): each judged against the baseline
    /// before the first burst and only until the next burst began. Null when no connection dropped.
    /// </summary>
    public IReadOnlyList<ServiceRecoverySummary>? ServiceAfterEachBurst { get; init; }
}

/// <summary>
/// The time until the service was back after a burst of drops. The burst starts at the first drop and lasts while
/// consecutive 1-s intervals have drops. The baseline is the median, over the whole intervals after the ramp-up and
/// before the run's first drop, of messages received per second and of rtt p99. The service is back at the end of the
/// first interval after the burst (with no drops in it, within the hold, before the next burst) whose throughput is within ±10% of the baseline and
/// whose rtt p99 is at most 10% above the baseline p99 (or 1 ms above it, whichever is more: loopback p99s of a
/// fraction of a millisecond move with the scheduler).
/// </summary>
public sealed record ServiceRecoverySummary
{
    /// <summary>The first drop, seconds since the start of the run.</summary>
    public double FaultAtSeconds { get; init; }

    /// <summary>Whole intervals the baseline was taken from (0: no baseline, nothing could be judged).</summary>
    public int BaselineIntervals { get; init; }

    public double? BaselineThroughputPerSec { get; init; }

    public double? BaselineRttP99Ms { get; init; }

    /// <summary>The end of the first interval that met the baseline again; null when none did before the hold ended.</summary>
    public double? BackAtSeconds { get; init; }

    /// <summary><see cref="BackAtSeconds"/> − <see cref="FaultAtSeconds"/>; null when the service was not back.</summary>
    public double? SecondsToRecover { get; init; }
}
