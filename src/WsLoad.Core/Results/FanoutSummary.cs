namespace WsLoad.Results;

/// <summary>
/// A broadcast run's fan-out (<c>expect: broadcast</c>): every published message against the subscribers it was due
/// to, worked out exactly by the <see cref="Fanout.FanoutLedger"/> across every process of the run.
/// </summary>
public sealed record FanoutSummary
{
    /// <summary>Messages the publishers wrote whole to the server.</summary>
    public long Published { get; init; }

    /// <summary>Deliveries due: for each message, the subscribers of its channel subscribed when it was published.</summary>
    public long Due { get; init; }

    /// <summary>Due deliveries that arrived (each subscriber's first copy; duplicates are in messages.duplicated).</summary>
    public long Delivered { get; init; }

    /// <summary>Due deliveries that never arrived.</summary>
    public long Missing { get; init; }

    /// <summary>Delivered of due, %; null when nothing was due.</summary>
    public double? ReachPercent { get; init; }

    /// <summary>The lowest reach of any one message, %; null when nothing was due.</summary>
    public double? MinMessageReachPercent { get; init; }

    /// <summary>Messages that reached every subscriber due them.</summary>
    public long MessagesAtFullReach { get; init; }

    /// <summary>Messages with at least one subscriber due.</summary>
    public long MessagesDue { get; init; }

    /// <summary>Due deliveries of messages published within the timeout of the run's end that had not arrived: those messages are in neither due, missing nor reach.</summary>
    public long Unresolved { get; init; }

    /// <summary>Deliveries that arrived after their message was resolved (its timeout and a grace had passed): counted missing, like a reply that comes after its timeout.</summary>
    public long LateDeliveries { get; init; }

    /// <summary>Arrivals a subscriber was not due: published before it counted as subscribed (see BroadcastSubscription) or after its subscription's end. Not an error.</summary>
    public long Unexpected { get; init; }

    /// <summary>Deliveries beyond those due, or of messages no publisher of the run sent: should be 0; the server delivered to more than the channel.</summary>
    public long Excess { get; init; }

    /// <summary>Publish to arrival, per due delivery (ms).</summary>
    public LatencySummary? LatencyMs { get; init; }

    /// <summary>Publish to the last due subscriber's arrival, per message that reached them all (ms).</summary>
    public LatencySummary? CompleteMs { get; init; }

    public IReadOnlyList<FanoutChannelSummary> Channels { get; init; } = [];
}

/// <summary>One channel's fan-out: its subscribers and publishers, and its messages' deliveries.</summary>
public sealed record FanoutChannelSummary
{
    /// <summary>The channel: the path and query its connections' URL has.</summary>
    public string Channel { get; init; } = "";

    public int PeakSubscribers { get; init; }

    public int Publishers { get; init; }

    public long Published { get; init; }

    public long Due { get; init; }

    public long Delivered { get; init; }

    public long Missing { get; init; }
}
