namespace WsLoad.Analysis.Anomalies;

/// <summary>
/// The documented constants of anomaly detection.
/// <para>
/// Only the hold is judged: during the ramp-up, the ramp-down and the closing the load itself changes, so a changing
/// rate there is expected, not anomalous. The baseline is the whole hold's median and 1.4826 × MAD (robust: the
/// outliers being looked for barely move it); slow drifts are the job of <see cref="TrendEstimator"/>, not of this.
/// </para>
/// <para>
/// A second is anomalous when |value − median| &gt; <see cref="K"/> × scale, scale = max(1.4826 × MAD,
/// relative floor × |median|, absolute floor): the floors keep a very quiet hold (MAD ≈ 0) from flagging tiny wobbles.
/// An anomaly is at least <see cref="MinRunSeconds"/> consecutive anomalous seconds on the same side; for normal
/// noise a false one is then about (6·10⁻⁵)² per pair of seconds.
/// </para>
/// <para>
/// Confidence: High when the stretch lasts at least <see cref="LongRunSeconds"/> and its peak is at least
/// 2·K scales away; Medium when one of the two holds; Low otherwise. One level lower when the generator was
/// saturated in any second of the stretch.
/// </para>
/// </summary>
public static class AnomalyRules
{
    /// <summary>Deviation units a value must be from the median to count as anomalous.</summary>
    public const double K = 4;

    /// <summary>Shortest anomaly, in consecutive seconds.</summary>
    public const int MinRunSeconds = 2;

    /// <summary>A stretch this long counts towards a higher confidence.</summary>
    public const int LongRunSeconds = 3;

    /// <summary>Fewer seconds of hold than this give no baseline: the metric is not judged.</summary>
    public const int MinBaselineSeconds = 10;

    /// <summary>The metrics judged, with their floors and which sides count.</summary>
    internal static IReadOnlyList<MetricRule> Metrics { get; } =
    [
        new(SeriesMetric.Throughput, RelativeFloor: 0.05, AbsoluteFloor: 1, SpikesOnly: false),
        new(SeriesMetric.RttP99, RelativeFloor: 0.10, AbsoluteFloor: 0.25, SpikesOnly: true),
        new(SeriesMetric.Errors, RelativeFloor: 0.10, AbsoluteFloor: 1, SpikesOnly: true),
        new(SeriesMetric.ServerCpu, RelativeFloor: 0.10, AbsoluteFloor: 2, SpikesOnly: false),
    ];

    internal static FindingConfidence Confidence(int seconds, double maxDeviations, bool generatorSaturated)
    {
        var longRun = seconds >= LongRunSeconds;
        var large = Math.Abs(maxDeviations) >= 2 * K;
        var level = longRun && large ? FindingConfidence.High : longRun || large ? FindingConfidence.Medium : FindingConfidence.Low;
        return generatorSaturated && level > FindingConfidence.Low ? level - 1 : level;
    }
}

/// <summary>How one metric is judged: its floors (see <see cref="AnomalyRules"/>) and whether drops count.</summary>
internal sealed record MetricRule(SeriesMetric Metric, double RelativeFloor, double AbsoluteFloor, bool SpikesOnly)
{
    public double Scale(RobustBaseline baseline) =>
        Math.Max(baseline.Sigma, Math.Max(RelativeFloor * Math.Abs(baseline.Median), AbsoluteFloor));
}
