namespace WsLoad.Results;

/// <summary>
/// How one live sink fared during the run (<c>sinks[]</c> in run.json). A sink's trouble shows here and only here: it
/// never changes what the run measured.
/// </summary>
public sealed record SinkHealth
{
    public required string Name { get; init; }

    /// <summary>Intervals the sink handled.</summary>
    public long Delivered { get; init; }

    /// <summary>Intervals not handed to the sink because its queue was full (it fell behind the run).</summary>
    public long Dropped { get; init; }

    /// <summary>Intervals whose handling threw.</summary>
    public long Failed { get; init; }

    /// <summary>The last error the sink threw, when it threw.</summary>
    public string? LastError { get; init; }

    /// <summary>False when the sink was still busy when the run stopped waiting for it at the end.</summary>
    public bool Finished { get; init; } = true;

    /// <summary>
    /// For a sink that sends messages elsewhere (webhooks): how its messages had fared when the run's result was built;
    /// null for other sinks.
    /// </summary>
    public SinkSends? Sends { get; init; }
    /// <summary>For a sink that writes samples to a time-series store (the Prometheus remote write), what became of them; null for other sinks.</summary>
    public SinkSamples? Samples { get; init; }
}
