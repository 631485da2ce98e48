using WsLoad.Analysis.Readiness;
using WsLoad.Results;

namespace WsLoad.Analysis.Facts;

/// <summary>
/// The run's throughput held against its plan, judged once for the readiness check and the findings. The figure is
/// the summary's (<see cref="MessageSummary.ThroughputPerSec"/>: replies a second over the hold), the one the key
/// figures, thresholds and comparisons read; it is never recomputed from the series, so no two parts of a report
/// can give two throughputs for one run.
/// </summary>
/// <param name="PerSecond">Replies a second over the hold, from the run's summary.</param>
/// <param name="PlannedPerSecond">What the plan asked for (<see cref="PlannedRate"/>).</param>
public sealed record SustainedThroughput(double PerSecond, double PlannedPerSecond)
{
    /// <summary>The share of the plan received, e.g. 0.9 for 90%.</summary>
    public double Share => PerSecond / PlannedPerSecond;

    /// <summary>The least throughput that holds the plan: <see cref="ReadinessRules.MinThroughputShare"/> of it.</summary>
    public double Target => PlannedPerSecond * ReadinessRules.MinThroughputShare;

    /// <summary>Whether the run held the plan (at least <see cref="Target"/>).</summary>
    public bool Held => PerSecond >= Target;

    /// <summary>The run's throughput against its plan; null when the plan has no steady rate (<see cref="PlannedRate"/>).</summary>
    public static SustainedThroughput? Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return PlannedRate.Of(run.Scenario) is double planned ? new(run.Summary.Messages.ThroughputPerSec, planned) : null;
    }
}
