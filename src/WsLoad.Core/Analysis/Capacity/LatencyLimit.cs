using WsLoad.Analysis.Anomalies;

namespace WsLoad.Analysis.Capacity;

/// <summary>What the latency model says about the p99 target.</summary>
public enum LatencyLimitStatus
{
    /// <summary>The scenario has no upper p99 threshold (<c>rtt.p99</c> or <c>response.p99</c>).</summary>
    NoTarget,

    /// <summary>Fewer than <see cref="LatencyLimitPredictor.MinPoints"/> plateaus with a p99.</summary>
    NotEnoughPoints,

    /// <summary>A measured plateau already passed the target; the crossing is interpolated between plateaus.</summary>
    PassedWithinMeasuredRange,

    /// <summary>The model passes the target beyond the largest measured load (an extrapolation).</summary>
    Predicted,

    /// <summary>The model does not rise to the target at any load.</summary>
    NotReached,
}

/// <summary>
/// The connection count at which the per-second p99 round trip would pass the scenario's p99 target, from a model of
/// p99 against connections over the plateaus (see <see cref="LatencyLimitPredictor"/>).
/// </summary>
public sealed record LatencyLimit
{
    public LatencyLimitStatus Status { get; init; }

    /// <summary>The threshold used, e.g. <c>rtt.p99 &lt; 200ms</c>.</summary>
    public string? Threshold { get; init; }

    public double? TargetMs { get; init; }

    /// <summary><c>quadratic</c> (p99 = a + b·C + c·C², c ≥ 0) or <c>linear</c> (when the quadratic came out concave).</summary>
    public string? Model { get; init; }

    /// <summary>The model's coefficients, constant term first (C in connections, p99 in ms).</summary>
    public IReadOnlyList<double> Coefficients { get; init; } = [];

    public double? RSquared { get; init; }

    /// <summary>Connections at which p99 reaches the target.</summary>
    public double? Connections { get; init; }

    /// <summary>Connections / the largest measured connection count (above 1: extrapolated).</summary>
    public double? ExtrapolationFactor { get; init; }

    public FindingConfidence Confidence { get; init; }

    /// <summary>The figures behind the finding, or why there is none; culture-invariant.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}
