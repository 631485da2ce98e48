namespace WsLoad.Analysis;

/// <summary>
/// The typical level of a series and its spread, robust to the outliers we look for: the median, and the median
/// absolute deviation (MAD), which × 1.4826 estimates the standard deviation of normal noise. A few extreme seconds do
/// not move it. Shared by the anomaly detector and the failure-pattern detectors.
/// </summary>
internal readonly record struct RobustBaseline(double Median, double Mad)
{
    /// <summary>MAD × this estimates σ for normally distributed noise.</summary>
    public const double NormalConsistency = 1.4826;

    /// <summary>The robust standard deviation, 1.4826 × MAD.</summary>
    public double Sigma => NormalConsistency * Mad;

    /// <summary>The baseline of <paramref name="values"/>; (0, 0) when there are none.</summary>
    public static RobustBaseline Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return default;
        }

        var median = MedianOf(values);
        return new RobustBaseline(median, MedianOf([.. values.Select(v => Math.Abs(v - median))]));
    }

    /// <summary>The median (the mean of the middle two for an even count); 0 for no values.</summary>
    public static double MedianOf(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
