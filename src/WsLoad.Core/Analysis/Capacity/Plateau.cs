namespace WsLoad.Analysis.Capacity;

/// <summary>One step of a stepped ramp (or the hold) over its settled seconds: the load held and what it gave.</summary>
public sealed record Plateau
{
    /// <summary>0-based, in the order of the run.</summary>
    public int Index { get; init; }

    /// <summary>Connections the plan held during the step.</summary>
    public int TargetConnections { get; init; }

    /// <summary>Median of the connections actually open over the settled seconds.</summary>
    public double Connections { get; init; }

    /// <summary>Connections × messages in flight per connection (closed loop); the connections otherwise.</summary>
    public double Concurrency { get; init; }

    /// <summary>Start of the first settled interval (seconds since the start of the run).</summary>
    public double FromSeconds { get; init; }

    /// <summary>End of the last settled interval.</summary>
    public double ToSeconds { get; init; }

    /// <summary>Settled seconds measured.</summary>
    public int Seconds { get; init; }

    /// <summary>Median messages received per second over the settled seconds.</summary>
    public double Throughput { get; init; }

    /// <summary>1.4826 × MAD of the per-second throughput: its noise.</summary>
    public double ThroughputSigma { get; init; }

    /// <summary>Median of the per-second round-trip p50 (ms); null when no message came back.</summary>
    public double? RttP50 { get; init; }

    /// <summary>Median of the per-second round-trip p99 (ms); null when no message came back.</summary>
    public double? RttP99 { get; init; }

    /// <summary>Settled seconds in which the generator was saturated (its figures are then unreliable).</summary>
    public int GeneratorSaturatedSeconds { get; init; }
}
