namespace WsLoad.Network;

/// <summary>
/// A condition the <see cref="ChaosProxy"/> applies to the traffic it forwards, in the spirit of Toxiproxy's toxics.
/// Immutable; add it with <see cref="ChaosProxy.AddToxic"/> under a name and remove it by that name.
/// </summary>
internal abstract record Toxic
{
    public ToxicDirection Direction { get; init; } = ToxicDirection.Both;

    /// <summary>The kebab-case kind used in events and errors, e.g. <c>latency</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The toxic's figures in plain words, e.g. "50 ms ± 5 ms".</summary>
    public abstract string Describe();

    public bool Applies(ToxicDirection direction) => Direction == ToxicDirection.Both || Direction == direction;

    /// <summary>Adds this toxic's effect on one direction to <paramref name="conditions"/>.</summary>
    internal abstract LinkConditions ApplyTo(LinkConditions conditions);

    private protected static string Ms(TimeSpan value) =>
        value.TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " ms";
}

/// <summary>Holds each chunk <see cref="Latency"/> ± <see cref="Jitter"/> (uniform); chunks never overtake each other.</summary>
internal sealed record LatencyToxic(TimeSpan Latency, TimeSpan Jitter = default) : Toxic
{
    public override string Kind => "latency";

    public override string Describe() => Jitter > TimeSpan.Zero ? $"{Ms(Latency)} ± {Ms(Jitter)}" : Ms(Latency);

    internal override LinkConditions ApplyTo(LinkConditions conditions) =>
        conditions with { Latency = conditions.Latency + Latency, Jitter = conditions.Jitter + Jitter };
}

/// <summary>Caps the rate of each connection's direction at <see cref="BytesPerSecond"/> (a token bucket per link, as Toxiproxy does).</summary>
internal sealed record BandwidthToxic(long BytesPerSecond) : Toxic
{
    public override string Kind => "bandwidth";

    public override string Describe() => $"{BytesPerSecond:N0} bytes/s per connection";

    internal override LinkConditions ApplyTo(LinkConditions conditions) =>
        conditions with { BytesPerSecond = conditions.BytesPerSecond is { } rate ? Math.Min(rate, BytesPerSecond) : BytesPerSecond };
}

/// <summary>
/// Packet loss as TCP shows it: bytes are never lost, but with <see cref="Probability"/> a chunk waits <see cref="Stall"/>
/// (a retransmission) and holds up everything behind it; with <see cref="DropConnectionProbability"/> a chunk resets the
/// connection instead.
/// </summary>
internal sealed record LossToxic(double Probability, TimeSpan Stall, double DropConnectionProbability = 0) : Toxic
{
    public static readonly TimeSpan DefaultStall = TimeSpan.FromMilliseconds(200);

    public override string Kind => "loss";

    public override string Describe() => DropConnectionProbability > 0
        ? $"{Probability:0.###%} of chunks stalled {Ms(Stall)}, {DropConnectionProbability:0.###%} reset the connection"
        : $"{Probability:0.###%} of chunks stalled {Ms(Stall)}";

    internal override LinkConditions ApplyTo(LinkConditions conditions) => conditions with
    {
        LossProbability = 1 - ((1 - conditions.LossProbability) * (1 - Probability)),
        LossStall = conditions.LossStall > Stall ? conditions.LossStall : Stall,
        DropProbability = 1 - ((1 - conditions.DropProbability) * (1 - DropConnectionProbability)),
    };
}

/// <summary>Delays passing on the end of a stream (the FIN) by <see cref="Delay"/>.</summary>
internal sealed record SlowCloseToxic(TimeSpan Delay) : Toxic
{
    public override string Kind => "slow-close";

    public override string Describe() => $"FIN delayed {Ms(Delay)}";

    internal override LinkConditions ApplyTo(LinkConditions conditions) => conditions with { SlowClose = conditions.SlowClose + Delay };
}

/// <summary>
/// Resets connections (RST): every <see cref="Every"/> all open connections at once, or, when <see cref="Random"/>, each
/// connection after an exponentially distributed time with mean <see cref="Every"/>. Acts on whole connections, so its
/// direction does not matter.
/// </summary>
internal sealed record ResetToxic(TimeSpan Every, bool Random = false) : Toxic
{
    public override string Kind => "reset";

    public override string Describe() => Random ? $"each connection reset after a random time (mean {Ms(Every)})" : $"all connections reset every {Ms(Every)}";

    internal override LinkConditions ApplyTo(LinkConditions conditions) => conditions;
}

/// <summary>
/// Nothing is forwarded either way while it is in place. By default the data is held (connections stay open, as in a
/// real partition TCP has not yet given up on) and flows, in order, when it is removed; with <see cref="ResetConnections"/>
/// every open connection is reset when it starts and new ones are reset as they arrive.
/// </summary>
internal sealed record PartitionToxic(bool ResetConnections = false) : Toxic
{
    public override string Kind => "partition";

    public override string Describe() => ResetConnections ? "nothing forwarded, connections reset" : "nothing forwarded, data held";

    internal override LinkConditions ApplyTo(LinkConditions conditions) => conditions with { Partitioned = true };
}
