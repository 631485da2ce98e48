namespace WsLoad.Analysis.Failures;

/// <summary>
/// A robust baseline of a per-second signal: its median and MAD (scaled by 1.4826 to estimate σ for normal data), so a
/// few extreme seconds do not move it. A value is elevated when it passes <see cref="Threshold"/>.
/// </summary>
internal readonly record struct RobustBaseline(double Median, double Mad, double Threshold)
{
    /// <summary>Scales the MAD to a standard deviation for normally distributed data.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>
    /// Threshold = median + max(k·1.4826·MAD, floor): the floor keeps a signal with no spread (MAD 0) from calling
    /// every small wobble elevated.
    /// </summary>
    public static RobustBaseline Of(IReadOnlyList<double> values, double k, double floor)
    {
        if (values.Count == 0)
        {
            return new RobustBaseline(0, 0, double.PositiveInfinity);
        }

        var median = MedianOf(values);
        var mad = MedianOf(values.Select(v => Math.Abs(v - median)).ToList());
        return new RobustBaseline(median, mad, median + Math.Max(k * MadToSigma * mad, floor));
    }

    public bool IsElevated(double value) => value > Threshold;

    public static double MedianOf(IReadOnlyList<double> values)
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
