namespace WsLoad.Analysis.Anomalies;

/// <summary>What <see cref="AnomalyAnalysis.Analyze"/> found in a run's hold: anomalies, trends, and what it could not judge.</summary>
public sealed record AnomalyReport
{
    /// <summary>Start of the hold (seconds since the start of the run); null when the run had no hold samples.</summary>
    public double? HoldFromSeconds { get; init; }

    public double? HoldToSeconds { get; init; }

    /// <summary>Hold samples judged.</summary>
    public int HoldSeconds { get; init; }

    /// <summary>Anomalies in the order of their start, then metric.</summary>
    public IReadOnlyList<Anomaly> Anomalies { get; init; } = [];

    /// <summary>One trend per metric with enough points (throughput, rtt p50, rtt p99), significant or not.</summary>
    public IReadOnlyList<Trend> Trends { get; init; } = [];

    /// <summary>Metrics not judged and why, e.g. <c>server-cpu: no samples in the hold</c>.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
