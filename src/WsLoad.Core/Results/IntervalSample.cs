namespace WsLoad.Results;

/// <summary>What happened in one interval (one second) of the run. Counts are for the interval, not cumulative.</summary>
public sealed record IntervalSample
{
    /// <summary>Seconds from the start of the run to the end of this interval.</summary>
    public double AtSeconds { get; init; }

    /// <summary>The plan's phase at the end of the interval: ramp-up, hold, ramp-down, or closing (after the plan ended).</summary>
    public string Phase { get; init; } = "";

    /// <summary>Connections the plan wanted open at the end of the interval.</summary>
    public int TargetConnections { get; init; }

    /// <summary>Connections open at the end of the interval.</summary>
    public long OpenConnections { get; init; }

    public long ConnectsAttempted { get; init; }

    public long ConnectsEstablished { get; init; }

    public long ConnectsFailed { get; init; }

    public long Dropped { get; init; }

    public long Sent { get; init; }

    public long Received { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    public long Errors { get; init; }

    /// <summary>Round-trip percentiles of the messages received in this interval (ms); null when none.</summary>
    public double? RttP50 { get; init; }

    public double? RttP90 { get; init; }

    public double? RttP99 { get; init; }

    public double? RttP999 { get; init; }

    public double? RttMax { get; init; }

    public double? ConnectP50 { get; init; }

    public double? ConnectP99 { get; init; }

    /// <summary>Broadcast: publish-to-arrival p99 of the deliveries that arrived in this interval (ms); null when none.</summary>
    public double? FanoutP99 { get; init; }

    /// <summary>Broadcast: deliveries due of the messages published in this interval (filled in once they are resolved); null otherwise.</summary>
    public long? FanoutDue { get; init; }

    /// <summary>Broadcast: of <see cref="FanoutDue"/>, those delivered.</summary>
    public long? FanoutDelivered { get; init; }

    /// <summary>The generator's own resources and health in this interval.</summary>
    public GeneratorSample? Generator { get; init; }

    /// <summary>The target server's resources, when it runs on this machine and its process id is known.</summary>
    public ProcessSample? Server { get; init; }

    public MachineSample? Machine { get; init; }

    /// <summary>Errors of this interval by class.</summary>
    public IReadOnlyDictionary<string, long>? ErrorsByClass { get; init; }
}
