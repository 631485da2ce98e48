using WsLoad.Results;

namespace WsLoad.Analysis.RootCauses;

/// <summary>
/// Seconds whose rtt p99 jumped far above the run's median p99 (rule constants in <see cref="RootCauseRules"/>): at least
/// <see cref="RootCauseRules.StallLatencyRatio"/> times the median and <see cref="RootCauseRules.StallMinRiseMs"/> above it.
/// Works on short runs, where the anomaly detector has too few seconds for a baseline.
/// </summary>
internal static class LatencySpike
{
    public static IReadOnlyList<int> Find(IReadOnlyList<IntervalSample> series)
    {
        var values = series.Where(s => s.RttP99 is not null).Select(s => s.RttP99!.Value).Order().ToList();
        if (values.Count < 3)
        {
            return [];
        }

        var median = Median(values);
        var threshold = Math.Max(median * RootCauseRules.StallLatencyRatio, median + RootCauseRules.StallMinRiseMs);
        return [.. Enumerable.Range(0, series.Count).Where(i => series[i].RttP99 >= threshold)];
    }

    public static double MedianRttP99(IReadOnlyList<IntervalSample> series)
    {
        var values = series.Where(s => s.RttP99 is not null).Select(s => s.RttP99!.Value).Order().ToList();
        return values.Count == 0 ? 0 : Median(values);
    }

    public static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
