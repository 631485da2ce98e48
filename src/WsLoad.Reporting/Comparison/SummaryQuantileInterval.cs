using WsLoad.Results;

namespace WsLoad.Reporting.Comparison;

/// <summary>
/// A quantile's 95% interval when only a summary of the samples is kept (run.json keeps the hold's percentiles, not its
/// histogram): the same ranks as <see cref="QuantileInterval"/>, n·q ± z·√(n·q·(1−q)), with each rank's value read by
/// linear interpolation between the stored percentiles (0 at the 0th, p50, p90, p95, p99, p99.9, the max at the
/// 100th). Interpolating over the gaps widens the interval rather than narrowing it, so it errs towards "within noise".
/// </summary>
internal static class SummaryQuantileInterval
{
    /// <summary>The interval of <paramref name="quantile"/> (0..1), in the summary's unit; null when it has no samples.</summary>
    public static Interval? Of(LatencySummary? latency, double quantile)
    {
        if (latency is not { Count: > 0 } l)
        {
            return null;
        }

        (double Quantile, double Value)[] points = [(0, 0), (0.5, l.P50), (0.9, l.P90), (0.95, l.P95), (0.99, l.P99), (0.999, l.P999), (1, l.Max)];
        var spread = QuantileInterval.Z95 * Math.Sqrt(quantile * (1 - quantile) / l.Count);
        return new Interval(At(points, Math.Max(0, quantile - spread)), At(points, Math.Min(1, quantile + spread)));
    }

    private static double At((double Quantile, double Value)[] points, double quantile)
    {
        for (var i = 1; i < points.Length; i++)
        {
            if (quantile <= points[i].Quantile)
            {
                var (q0, v0) = points[i - 1];
                var (q1, v1) = points[i];
                return v0 + ((v1 - v0) * (quantile - q0) / (q1 - q0));
            }
        }

        return points[^1].Value;
    }
}
