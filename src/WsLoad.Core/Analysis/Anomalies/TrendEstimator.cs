using MathNet.Numerics.Statistics;

namespace WsLoad.Analysis.Anomalies;

/// <summary>
/// Theil–Sen trend of a metric over the hold. The slope is the median of the slopes between every pair of points
/// (robust: up to 29% of outlying seconds do not move it); the intercept the median of y − slope·x.
/// <para>
/// Significant when |change over the hold| ≥ <see cref="NoiseFactor"/> × σ̂ (σ̂ = 1.4826 × MAD of the residuals) and
/// ≥ <see cref="MinRelativeChange"/> of |median| (a statistically clear but tiny drift is not worth reporting), with
/// at least <see cref="MinPoints"/> seconds. For normal noise the change's standard error is about
/// 1.1·σ·√(12/n), so with n ≥ 30 the noise factor of 2 is at least 3 standard errors. Confidence: High when the change
/// is at least 2 × NoiseFactor × σ̂ over at least 30 points; Medium when significant; Low otherwise.
/// </para>
/// </summary>
public static class TrendEstimator
{
    public const double NoiseFactor = 2;

    public const double MinRelativeChange = 0.05;

    public const int MinPoints = 10;

    /// <summary>Longer series are reduced to this many block medians first (pairwise slopes grow as n²).</summary>
    public const int MaxPoints = 400;

    /// <summary>The trend of (seconds, value) points; null with fewer than <see cref="MinPoints"/> points.</summary>
    public static Trend? Estimate(SeriesMetric metric, IReadOnlyList<(double X, double Y)> points, double holdSeconds)
    {
        if (points.Count < MinPoints)
            return null;
        var reduced = Reduce(points);
        var slopes = new List<double>(reduced.Count * (reduced.Count - 1) / 2);
        for (var i = 0; i < reduced.Count; i++)
        {
            for (var j = i + 1; j < reduced.Count; j++)
            {
                var dx = reduced[j].X - reduced[i].X;
                if (dx > 0)
                    slopes.Add((reduced[j].Y - reduced[i].Y) / dx);
            }
        }

        var slope = slopes.Count == 0 ? 0 : slopes.Median();
        var intercept = points.Select(p => p.Y - (slope * p.X)).Median();
        var noise = RobustBaseline.Of(points.Select(p => p.Y - (intercept + (slope * p.X))).ToList()).Sigma;
        var median = points.Select(p => p.Y).Median();
        var change = slope * holdSeconds;
        var relative = median == 0 ? (double?)null : change / Math.Abs(median);
        var significant = Math.Abs(change) >= NoiseFactor * noise && Math.Abs(change) >= MinRelativeChange * Math.Abs(median) && change != 0;
        var strong = significant && points.Count >= 30 && Math.Abs(change) >= 2 * NoiseFactor * noise;
        var name = SeriesReading.Name(metric);
        var unit = SeriesReading.Unit(metric);
        var f = (Func<double, string>)SeriesReading.Format;
        return new Trend
        {
            Id = name + "-trend",
            Metric = metric,
            Points = points.Count,
            Median = median,
            SlopePerSecond = slope,
            ChangeOverHold = change,
            RelativeChange = relative,
            NoiseSigma = noise,
            Significant = significant,
            Direction = !significant ? TrendDirection.Flat : change > 0 ? TrendDirection.Rising : TrendDirection.Falling,
            Confidence = strong ? FindingConfidence.High : significant ? FindingConfidence.Medium : FindingConfidence.Low,
            Evidence =
            [
                $"{name}: slope {f(slope)} {unit} per s over {f(holdSeconds)} s of hold = change {f(change)} {unit}",
                $"median {f(median)} {unit}; noise 1.4826 × MAD of residuals = {f(noise)} {unit}",
                $"significant when |change| >= {f(NoiseFactor)} × noise and >= {f(MinRelativeChange * 100)}% of median: {(significant ? "yes" : "no")}",
            ],
        };
    }

    // Block medians of consecutive points, so the pairwise slopes stay a few tens of thousands.
    private static List<(double X, double Y)> Reduce(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count <= MaxPoints)
            return [.. points];
        var block = (points.Count + MaxPoints - 1) / MaxPoints;
        return points.Chunk(block).Select(c => (c.Select(p => p.X).Median(), c.Select(p => p.Y).Median())).ToList();
    }
}
