using MathNet.Numerics.Statistics;

namespace WsLoad.Analysis.Anomalies;

/// <summary>
/// The typical level of a series and its spread, robust to the outliers we look for: the median, and the median
/// absolute deviation scaled by 1.4826 so that it estimates the standard deviation of normal noise.
/// </summary>
internal readonly record struct RobustBaseline(double Median, double Mad)
{
    /// <summary>MAD × this estimates σ for normally distributed noise.</summary>
    public const double NormalConsistency = 1.4826;

    /// <summary>The robust standard deviation, 1.4826 × MAD.</summary>
    public double Sigma => NormalConsistency * Mad;

    public static RobustBaseline Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            return default;
        var median = values.Median();
        var mad = values.Select(v => Math.Abs(v - median)).Median();
        return new RobustBaseline(median, mad);
    }
}
