namespace WsLoad.Scenarios;

/// <summary>
/// The scenario's <c>network:</c> section: the run starts a chaos proxy inside itself, connects through it, and puts
/// each toxic in place at its time for its duration. Null on <see cref="Scenario.Network"/>: connections go direct.
/// </summary>
public sealed record NetworkOptions
{
    public IReadOnlyList<NetworkToxicOptions> Toxics { get; init; } = [];
}

/// <summary>What a network toxic does; see <see cref="NetworkToxicOptions"/> for the fields each one reads.</summary>
public enum NetworkToxicType
{
    /// <summary>Holds each chunk <c>latency</c> ± <c>jitter</c>; order is kept.</summary>
    Latency,

    /// <summary>Caps each connection's direction at <c>rate</c> bytes a second.</summary>
    Bandwidth,

    /// <summary>With <c>probability</c> a chunk stalls for <c>stall</c>; with <c>dropConnections</c> it resets its connection.</summary>
    Loss,

    /// <summary>Resets connections every <c>every</c>, or (with <c>random: true</c>) each after a random time of mean <c>every</c>.</summary>
    Reset,

    /// <summary>Delays the end of each stream (FIN) by <c>delay</c>.</summary>
    SlowClose,

    /// <summary>Forwards nothing either way; data is held (or, with <c>reset: true</c>, connections are reset).</summary>
    Partition,
}

/// <summary>Which way through the proxy a toxic acts: up is client to server, down is server to client.</summary>
public enum NetworkDirection
{
    Both,
    Up,
    Down,
}

/// <summary>One toxic and when it is in place: from <see cref="At"/> for <see cref="Duration"/> (null: to the end of the run).</summary>
public sealed record NetworkToxicOptions
{
    public static readonly TimeSpan DefaultStall = TimeSpan.FromMilliseconds(200);

    public required NetworkToxicType Type { get; init; }

    public NetworkDirection Direction { get; init; } = NetworkDirection.Both;

    /// <summary>When it is added, from the start of the run.</summary>
    public TimeSpan At { get; init; }

    /// <summary>How long it stays; null until the end of the run.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Latency: the time added to each chunk.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Latency: the most a chunk's delay differs from <see cref="Latency"/> (uniform).</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Bandwidth: bytes a second per connection and direction.</summary>
    public long Rate { get; init; }

    /// <summary>Loss: the chance (0-1) that a chunk stalls.</summary>
    public double Probability { get; init; }

    /// <summary>Loss: how long a "lost" chunk stalls (a retransmission).</summary>
    public TimeSpan Stall { get; init; } = DefaultStall;

    /// <summary>Loss: the chance (0-1) that a chunk resets its connection instead.</summary>
    public double DropConnections { get; init; }

    /// <summary>Reset: the period (or, random, the mean time) between resets.</summary>
    public TimeSpan Every { get; init; }

    /// <summary>Reset: random, memoryless resets per connection instead of all at once.</summary>
    public bool Random { get; init; }

    /// <summary>Slow close: how long each FIN is held.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Partition: reset connections instead of holding their data.</summary>
    public bool Reset { get; init; }
}
