namespace WsLoad.Network;

/// <summary>The combined effect of every toxic on one direction of the proxy at one moment. Immutable.</summary>
internal sealed record LinkConditions
{
    public static readonly LinkConditions Clear = new();

    public TimeSpan Latency { get; init; }

    public TimeSpan Jitter { get; init; }

    /// <summary>Null: no limit.</summary>
    public long? BytesPerSecond { get; init; }

    public double LossProbability { get; init; }

    public TimeSpan LossStall { get; init; }

    public double DropProbability { get; init; }

    public TimeSpan SlowClose { get; init; }

    public bool Partitioned { get; init; }
}
