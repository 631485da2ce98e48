namespace WsLoad.Results;

/// <summary>
/// What a sink that writes samples to a time-series store (the Prometheus remote write) did with them during the run
/// (<c>sinks[].samples</c> in run.json), as counted when the run's result was built. A write request carries many
/// samples; one that the receiver refused or never answered after its retries counts as failed, and its samples as
/// dropped, as are those of a request the send queue had no room for.
/// </summary>
public sealed record SinkSamples
{
    /// <summary>Write requests the receiver accepted.</summary>
    public long Requests { get; init; }

    /// <summary>Write requests given up on: an error status, a timeout or no connection, after their retries.</summary>
    public long RequestsFailed { get; init; }

    /// <summary>Samples in the accepted requests.</summary>
    public long Sent { get; init; }

    /// <summary>Samples never delivered: their request failed, or the send queue was full (the receiver fell behind).</summary>
    public long Dropped { get; init; }

    /// <summary>Samples queued or being sent when the result was built; they are settled after run.json is written.</summary>
    public long Pending { get; init; }

    /// <summary>Why the last request failed (<c>HTTP 500</c>, <c>connection refused</c>), never naming more of the receiver than its host.</summary>
    public string? LastFailure { get; init; }
}
