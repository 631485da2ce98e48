namespace WsLoad.Analysis.Anomalies;

/// <summary>Whether the metric went above (spike) or below (drop) its baseline.</summary>
public enum AnomalyDirection
{
    Spike,
    Drop,
}

/// <summary>
/// A stretch of consecutive seconds of the hold in which one metric stayed more than k robust deviations away from
/// its baseline (see <see cref="AnomalyRules"/>). Data only; reporters render it.
/// </summary>
public sealed record Anomaly
{
    /// <summary>Stable id: metric, direction and start second, e.g. <c>throughput-drop-35s</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Always <c>anomaly</c>: the finding kind, for consumers that mix findings.</summary>
    public string Kind { get; init; } = "anomaly";

    public required SeriesMetric Metric { get; init; }

    public required AnomalyDirection Direction { get; init; }

    /// <summary>Start of the first anomalous interval (seconds since the start of the run).</summary>
    public double FromSeconds { get; init; }

    /// <summary>End of the last anomalous interval.</summary>
    public double ToSeconds { get; init; }

    /// <summary>Number of anomalous intervals (seconds).</summary>
    public int Seconds { get; init; }

    /// <summary>The hold's median of the metric.</summary>
    public double Baseline { get; init; }

    /// <summary>The deviation unit: max(1.4826 × MAD, the metric's floors).</summary>
    public double Scale { get; init; }

    /// <summary>The most extreme value in the stretch.</summary>
    public double Peak { get; init; }

    /// <summary>Peak / baseline; null when the baseline is zero.</summary>
    public double? PeakRatio { get; init; }

    /// <summary>(peak − baseline) / scale: how many deviation units the peak is from the baseline.</summary>
    public double MaxDeviations { get; init; }

    /// <summary>Seconds of the stretch in which the generator was saturated (its figures are then unreliable).</summary>
    public int GeneratorSaturatedSeconds { get; init; }

    public FindingConfidence Confidence { get; init; }

    /// <summary>The figures behind the finding, culture-invariant, each <c>name: figures</c>.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}
