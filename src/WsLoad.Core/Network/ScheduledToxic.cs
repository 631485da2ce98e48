using WsLoad.Scenarios;

namespace WsLoad.Network;

/// <summary>A toxic with its name and its window on a run's timeline: added at <see cref="At"/>, removed after <see cref="Duration"/> (null: never).</summary>
internal sealed record ScheduledToxic(string Name, Toxic Toxic, TimeSpan At, TimeSpan? Duration)
{
    /// <summary>The proxy toxic a scenario's <c>network.toxics[index]</c> describes, named <c>latency-0</c> etc.</summary>
    public static ScheduledToxic From(NetworkToxicOptions options, int index)
    {
        ArgumentNullException.ThrowIfNull(options);
        var direction = options.Direction switch
        {
            NetworkDirection.Up => ToxicDirection.Upstream,
            NetworkDirection.Down => ToxicDirection.Downstream,
            _ => ToxicDirection.Both,
        };
        Toxic toxic = options.Type switch
        {
            NetworkToxicType.Latency => new LatencyToxic(options.Latency, options.Jitter),
            NetworkToxicType.Bandwidth => new BandwidthToxic(options.Rate),
            NetworkToxicType.Loss => new LossToxic(options.Probability, options.Stall, options.DropConnections),
            NetworkToxicType.Reset => new ResetToxic(options.Every, options.Random),
            NetworkToxicType.SlowClose => new SlowCloseToxic(options.Delay),
            NetworkToxicType.Partition => new PartitionToxic(options.Reset),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Type, "unknown toxic type"),
        };
        toxic = toxic with { Direction = direction };
        return new ScheduledToxic($"{toxic.Kind}-{index}", toxic, options.At, options.Duration);
    }

    /// <summary>"50 ms ± 5 ms, down" for events and logs.</summary>
    public string Describe() => Toxic.Direction switch
    {
        ToxicDirection.Upstream => Toxic.Describe() + ", client to server",
        ToxicDirection.Downstream => Toxic.Describe() + ", server to client",
        _ => Toxic.Describe(),
    };
}
