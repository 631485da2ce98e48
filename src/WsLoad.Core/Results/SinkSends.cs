namespace WsLoad.Results;

/// <summary>
/// The messages a sink sent to a receiver outside the run (a webhook), as counted when the run's result was built
/// (<c>sinks[].sends</c> in run.json): each message counts once, however many tries it took. What is still
/// <see cref="Pending"/> then is settled after run.json is written, so only the command's own output can tell it.
/// </summary>
public sealed record SinkSends
{
    /// <summary>Messages the receiver accepted.</summary>
    public long Sent { get; init; }

    /// <summary>Messages given up on after their tries (an error status, a timeout, no connection).</summary>
    public long Failed { get; init; }

    /// <summary>Messages never tried: the send queue was full (the receiver fell behind).</summary>
    public long Dropped { get; init; }

    /// <summary>Messages queued or being tried when the result was built.</summary>
    public long Pending { get; init; }

    /// <summary>Why the last failed message failed (<c>HTTP 500</c>, <c>timed out after 5 s</c>), naming the receiver by kind and host only.</summary>
    public string? LastFailure { get; init; }
}
