namespace WsLoad.Results;

/// <summary>The headline figures of a run; the block scripts and CI read from run.json.</summary>
public sealed record RunSummary
{
    public required ConnectionSummary Connections { get; init; }

    public required MessageSummary Messages { get; init; }

    public required LatencySummaries LatencyMs { get; init; }

    /// <summary>Up time of the connections; null when no connection was planned.</summary>
    public AvailabilitySummary? Availability { get; init; }

    /// <summary>Drops, reconnects and message recovery; null when there is no reconnect policy and nothing dropped.</summary>
    public RecoverySummary? Recovery { get; init; }

    /// <summary>Retries of unanswered messages on live connections; null without <c>messages.retry</c>.</summary>
    public RetrySummary? Retry { get; init; }

    /// <summary>With <c>expect: broadcast</c>: each message against the subscribers it was due to; else null.</summary>
    public FanoutSummary? Fanout { get; init; }

    /// <summary>With <c>expect: push</c>: the server's numbered stream as received; else null.</summary>
    public PushSummary? Push { get; init; }
}

public sealed record ConnectionSummary
{
    /// <summary>Connects started; those cut short by the end of the run count here but neither as established nor failed.</summary>
    public long Attempted { get; init; }

    public long Established { get; init; }

    public long Failed { get; init; }

    /// <summary>Closed by the server or the network without our asking.</summary>
    public long Dropped { get; init; }

    /// <summary>Closed by us at the end of the run (ramp-down).</summary>
    public long ClosedNormally { get; init; }

    /// <summary>The most connections open at the same time.</summary>
    public long Peak { get; init; }

    /// <summary>Established connections per second during the ramp-up.</summary>
    public double ConnectRatePerSec { get; init; }

    /// <summary>
    /// How long connections lived, from the 101 to their close or drop, in seconds (a reconnect starts a new one);
    /// null when none ended.
    /// </summary>
    public LatencySummary? LifetimeSeconds { get; init; }
}

public sealed record MessageSummary
{
    public long Sent { get; init; }

    public long Received { get; init; }

    /// <summary>Sent and never answered, apart from <see cref="UnansweredAtClose"/>.</summary>
    public long Lost { get; init; }

    /// <summary>
    /// Still in flight when this side closed the connection: sent after the connection's newest answer, which came within
    /// <c>messages.timeout</c> of the close. A close the plan makes first waits up to that timeout for them; an
    /// interrupted run does not wait. Not lost, and not an error.
    /// </summary>
    public long UnansweredAtClose { get; init; }

    public long Duplicated { get; init; }

    public long OutOfOrder { get; init; }

    public long Corrupted { get; init; }

    /// <summary>Sends that could not be made on time because the connection's previous send was still pending.</summary>
    public long MissedSends { get; init; }

    /// <summary>Replies that arrived, but later than the message timeout (they are also counted as received).</summary>
    public long Late { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    /// <summary>Messages received per second over the hold phase (the whole run when there is no hold).</summary>
    public double ThroughputPerSec { get; init; }
}

public sealed record LatencySummaries
{
    /// <summary>Round-trip time of correlated messages, from the actual send (service time).</summary>
    public LatencySummary? Rtt { get; init; }

    /// <summary>TCP connect (SYN to established).</summary>
    public LatencySummary? TcpConnect { get; init; }

    /// <summary>TLS handshake, for wss:// targets.</summary>
    public LatencySummary? Tls { get; init; }

    /// <summary>Upgrade: HTTP request sent to the 101 response parsed.</summary>
    public LatencySummary? Upgrade { get; init; }

    /// <summary>From the 101 to the first message received on the connection.</summary>
    public LatencySummary? FirstMessage { get; init; }

    /// <summary>Round-trip time from the intended send (response time, corrected for coordinated omission).</summary>
    public LatencySummary? Response { get; init; }

    /// <summary>Time from the start of the TCP connect to the 101 response.</summary>
    public LatencySummary? Connect { get; init; }

    /// <summary>The close handshake this side began: from its close frame to the connection's end (the peer's close and TCP close).</summary>
    public LatencySummary? CloseHandshake { get; init; }
}

/// <summary>Percentiles in milliseconds, read from an HDR histogram.</summary>
public sealed record LatencySummary
{
    public long Count { get; init; }

    public double P50 { get; init; }

    public double P90 { get; init; }

    public double P95 { get; init; }

    public double P99 { get; init; }

    public double P999 { get; init; }

    public double Max { get; init; }

    public double Mean { get; init; }
}
