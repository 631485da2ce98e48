namespace WsLoad.Metrics;

/// <summary>
/// What one interval counted (deltas, never running totals), so that intervals and processes add up with
/// <see cref="op_Addition"/>: the counts of a whole run or phase are the sum of its intervals'.
/// </summary>
public readonly record struct SnapshotCounters
{
    /// <summary>Connects started, reconnects included.</summary>
    public long ConnectsAttempted { get; init; }

    public long ConnectsEstablished { get; init; }

    public long ConnectsFailed { get; init; }

    /// <summary>Established connections that ended without our asking, and not with a clean 1000/1001 close.</summary>
    public long Dropped { get; init; }

    /// <summary>Connections we closed.</summary>
    public long ClosedNormally { get; init; }

    public long Sent { get; init; }

    public long Received { get; init; }

    public long Duplicated { get; init; }

    public long OutOfOrder { get; init; }

    public long Corrupted { get; init; }

    public long Late { get; init; }

    public long MissedSends { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    public long Errors { get; init; }

    /// <summary>
    /// <c>expect: push</c>: server sequence numbers never received (a later one came first); one that arrives later fills
    /// its gap (-1). Left out of JSON when 0, as in every run that is not a push.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public long SequenceGaps { get; init; }

    public static SnapshotCounters operator +(SnapshotCounters a, SnapshotCounters b) => new()
    {
        ConnectsAttempted = a.ConnectsAttempted + b.ConnectsAttempted,
        ConnectsEstablished = a.ConnectsEstablished + b.ConnectsEstablished,
        ConnectsFailed = a.ConnectsFailed + b.ConnectsFailed,
        Dropped = a.Dropped + b.Dropped,
        ClosedNormally = a.ClosedNormally + b.ClosedNormally,
        Sent = a.Sent + b.Sent,
        Received = a.Received + b.Received,
        Duplicated = a.Duplicated + b.Duplicated,
        OutOfOrder = a.OutOfOrder + b.OutOfOrder,
        Corrupted = a.Corrupted + b.Corrupted,
        Late = a.Late + b.Late,
        MissedSends = a.MissedSends + b.MissedSends,
        BytesSent = a.BytesSent + b.BytesSent,
        BytesReceived = a.BytesReceived + b.BytesReceived,
        Errors = a.Errors + b.Errors,
        SequenceGaps = a.SequenceGaps + b.SequenceGaps,
    };

    public static SnapshotCounters Add(SnapshotCounters left, SnapshotCounters right) => left + right;

    /// <summary>The counts between two readings of running totals (<paramref name="now"/> after <paramref name="before"/>).</summary>
    public static SnapshotCounters operator -(SnapshotCounters now, SnapshotCounters before) => new()
    {
        ConnectsAttempted = now.ConnectsAttempted - before.ConnectsAttempted,
        ConnectsEstablished = now.ConnectsEstablished - before.ConnectsEstablished,
        ConnectsFailed = now.ConnectsFailed - before.ConnectsFailed,
        Dropped = now.Dropped - before.Dropped,
        ClosedNormally = now.ClosedNormally - before.ClosedNormally,
        Sent = now.Sent - before.Sent,
        Received = now.Received - before.Received,
        Duplicated = now.Duplicated - before.Duplicated,
        OutOfOrder = now.OutOfOrder - before.OutOfOrder,
        Corrupted = now.Corrupted - before.Corrupted,
        Late = now.Late - before.Late,
        MissedSends = now.MissedSends - before.MissedSends,
        BytesSent = now.BytesSent - before.BytesSent,
        BytesReceived = now.BytesReceived - before.BytesReceived,
        Errors = now.Errors - before.Errors,
        SequenceGaps = now.SequenceGaps - before.SequenceGaps,
    };

    public static SnapshotCounters Subtract(SnapshotCounters left, SnapshotCounters right) => left - right;
}
