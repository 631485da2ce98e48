using WsLoad.Metrics;

namespace WsLoad.Results;

/// <summary>
/// One phase's figures (<c>phases.hold</c> in run.json): the same fold as the whole run's, over the intervals that ended
/// in that phase. An interval belongs to the phase at its end, so the first hold interval may have begun in the ramp-up.
/// The phases' counts add up to the whole run's.
/// </summary>
public sealed record PhaseSummary
{
    /// <summary>Seconds from the run's start to the start of the phase's first interval and the end of its last.</summary>
    public double FromSeconds { get; init; }

    public double ToSeconds { get; init; }

    public int Intervals { get; init; }

    /// <summary>What the phase's intervals counted.</summary>
    public SnapshotCounters Counters { get; init; }

    /// <summary>Messages received per second over the phase's intervals.</summary>
    public double ReceivedPerSec { get; init; }

    /// <summary>Messages sent per second over the phase's intervals.</summary>
    public double SentPerSec { get; init; }

    /// <summary>Round trip from the actual send, from the intended send, and the whole connect, in the phase (ms).</summary>
    public LatencySummary? Rtt { get; init; }

    public LatencySummary? Response { get; init; }

    public LatencySummary? Connect { get; init; }

    public IReadOnlyDictionary<string, long> ErrorsByClass { get; init; } = new Dictionary<string, long>();
}
