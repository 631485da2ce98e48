namespace WsLoad.Analysis.Capacity;

/// <summary>Where the fitted throughput peaks relative to the concurrencies measured.</summary>
public enum PeakLocation
{
    /// <summary>N* lies between the smallest and the largest measured concurrency: the knee was seen.</summary>
    WithinMeasuredRange,

    /// <summary>N* lies past the largest measured concurrency: an extrapolation, the run did not reach the knee.</summary>
    BeyondMeasuredRange,

    /// <summary>N* lies below the smallest measured concurrency: throughput already fell across every step.</summary>
    BelowMeasuredRange,

    /// <summary>κ = 0: throughput never turns down; it approaches λ/σ (Amdahl), or grows without limit when σ = 0 too.</summary>
    Unbounded,
}

/// <summary>
/// The capacity the USL predicts: maximum throughput X_max = X(N*) at N* = √((1−σ)/κ), each with a standard error
/// propagated from the fit's covariance by the delta method (first order; X_max's gradient is ∂X/∂(λ,σ,κ) at N*
/// because ∂X/∂N = 0 there), and a 95% interval of ± 1.96 standard errors.
/// </summary>
public sealed record CapacityPeak
{
    public PeakLocation Location { get; init; }

    /// <summary>N*, in units of concurrency; null when unbounded.</summary>
    public double? PeakConcurrency { get; init; }

    public double? PeakConcurrencyStdError { get; init; }

    /// <summary>N* in connections (N* / messages in flight per connection).</summary>
    public double? PeakConnections { get; init; }

    public double? PeakConnectionsStdError { get; init; }

    /// <summary>X_max in messages per second: X(N*), or the λ/σ asymptote when unbounded; null when σ = κ = 0.</summary>
    public double? MaxThroughput { get; init; }

    public double? MaxThroughputStdError { get; init; }

    /// <summary>Lower end of the 95% interval of X_max (normal approximation).</summary>
    public double? MaxThroughputLow95 { get; init; }

    public double? MaxThroughputHigh95 { get; init; }

    /// <summary>The largest concurrency measured.</summary>
    public double LargestMeasuredConcurrency { get; init; }

    /// <summary>The model's throughput at the largest measured concurrency (no extrapolation), with its standard error.</summary>
    public double ThroughputAtLargestMeasured { get; init; }

    public double ThroughputAtLargestMeasuredStdError { get; init; }
}
