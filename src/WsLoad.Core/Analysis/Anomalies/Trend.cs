namespace WsLoad.Analysis.Anomalies;

/// <summary>Which way a metric moved over the hold; <see cref="Flat"/> when the change is not significant.</summary>
public enum TrendDirection
{
    Flat,
    Rising,
    Falling,
}

/// <summary>
/// A metric's drift over the hold: the Theil–Sen slope (median of pairwise slopes) and whether the change it implies
/// over the whole hold stands out from the noise (rules: <see cref="TrendEstimator"/>). Data only.
/// </summary>
public sealed record Trend
{
    /// <summary>Stable id, e.g. <c>rtt-p99-trend</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Always <c>trend</c>.</summary>
    public string Kind { get; init; } = "trend";

    public required SeriesMetric Metric { get; init; }

    /// <summary>Always <c>theil-sen</c>: the median of the slopes between every pair of seconds.</summary>
    public string Method { get; init; } = "theil-sen";

    /// <summary>Seconds of the hold with a value.</summary>
    public int Points { get; init; }

    /// <summary>The metric's median over the hold.</summary>
    public double Median { get; init; }

    /// <summary>Change per second, in the metric's unit.</summary>
    public double SlopePerSecond { get; init; }

    /// <summary>Slope × the hold's duration: the change the trend implies from start to end of the hold.</summary>
    public double ChangeOverHold { get; init; }

    /// <summary>ChangeOverHold / |median|; null when the median is zero.</summary>
    public double? RelativeChange { get; init; }

    /// <summary>1.4826 × MAD of the residuals about the fitted line: the noise the change is compared with.</summary>
    public double NoiseSigma { get; init; }

    public bool Significant { get; init; }

    public TrendDirection Direction { get; init; }

    public FindingConfidence Confidence { get; init; }

    /// <summary>The figures behind the finding, culture-invariant.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}
