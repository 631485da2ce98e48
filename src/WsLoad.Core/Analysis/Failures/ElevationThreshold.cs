namespace WsLoad.Analysis.Failures;

/// <summary>
/// When a per-second signal counts as elevated: above its <see cref="RobustBaseline"/>'s median by
/// max(k · σ, floor), where σ = 1.4826 · MAD. The floor keeps a signal with no spread (MAD 0) from calling every small
/// wobble elevated.
/// </summary>
internal readonly record struct ElevationThreshold(RobustBaseline Baseline, double Threshold)
{
    public double Median => Baseline.Median;

    public double Mad => Baseline.Mad;

    /// <summary>The threshold of <paramref name="values"/>; never elevated when there are none.</summary>
    public static ElevationThreshold Of(IReadOnlyList<double> values, double k, double floor)
    {
        if (values.Count == 0)
        {
            return new ElevationThreshold(default, double.PositiveInfinity);
        }

        var baseline = RobustBaseline.Of(values);
        return new ElevationThreshold(baseline, baseline.Median + Math.Max(k * baseline.Sigma, floor));
    }

    public bool IsElevated(double value) => value > Threshold;
}
