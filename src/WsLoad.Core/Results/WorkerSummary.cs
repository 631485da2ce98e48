namespace WsLoad.Results;

/// <summary>
/// One worker process of a run in several (<c>run --workers N</c>): its share of the plan, what it measured and how
/// its generator fared, so a short or busy worker is seen apart from the merged figures.
/// </summary>
public sealed record WorkerSummary
{
    public string Name { get; init; } = "";

    public int ProcessId { get; init; }

    /// <summary>Its execution segment of the plan, <c>from:to</c> (e.g. <c>1/2:1</c>).</summary>
    public string Segment { get; init; } = "";

    /// <summary>The plan's connections in its segment.</summary>
    public int PlannedConnections { get; init; }

    public long Established { get; init; }

    public long Failed { get; init; }

    public long Dropped { get; init; }

    public long PeakOpen { get; init; }

    public long Sent { get; init; }

    public long Received { get; init; }

    /// <summary>The intervals it sent to the controller.</summary>
    public int Intervals { get; init; }

    /// <summary>How its run ended: <c>completed</c>, <c>interrupted</c>, <c>aborted</c>, or <c>lost</c> (it died without its final record).</summary>
    public string Status { get; init; } = "";

    public string? StatusReason { get; init; }

    /// <summary>Its generator's peaks over the run, and the intervals in which it was saturated.</summary>
    public double MaxCpuPercent { get; init; }

    public long MaxRssBytes { get; init; }

    public double MaxSchedulingLagMs { get; init; }

    public int SaturatedIntervals { get; init; }
}
