namespace WsLoad.Cli.Console;

/// <summary>
/// What the console's live view shows once a second while a run is going on: the last interval's rates and latency,
/// beside running totals that <see cref="LiveView"/> keeps from the run's snapshots.
/// </summary>
internal sealed record LiveSnapshot
{
    public TimeSpan Elapsed { get; init; }

    /// <summary>Planned length of the whole run.</summary>
    public TimeSpan Planned { get; init; }

    /// <summary>ramp-up, hold, ramp-down, draining.</summary>
    public string Phase { get; init; } = "";

    public int TargetConnections { get; init; }

    public long OpenConnections { get; init; }

    public long ConnectsFailed { get; init; }

    public long Dropped { get; init; }

    /// <summary>Messages sent and received per second over the last interval.</summary>
    public double SentPerSec { get; init; }

    public double ReceivedPerSec { get; init; }

    /// <summary>What the latency is: <c>rtt</c> (round trips), or <c>fanout</c> (publish to arrival, in a broadcast).</summary>
    public string LatencyName { get; init; } = "rtt";

    /// <summary>Round-trip (or fan-out) p50 and p99 of the last interval, in ms; null when nothing was received.</summary>
    public double? RttP50Ms { get; init; }

    public double? RttP99Ms { get; init; }

    /// <summary>The generator's own CPU in the last interval, % of one core; null when not measured.</summary>
    public double? GeneratorCpuPercent { get; init; }

    /// <summary>Why the generator was saturated in the last interval (its latency is unreliable then); empty when it was not.</summary>
    public IReadOnlyList<string> Saturation { get; init; } = [];

    /// <summary>All errors so far, by class.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByClass { get; init; } = new Dictionary<string, long>();
}
