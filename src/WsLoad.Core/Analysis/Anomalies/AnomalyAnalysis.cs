using WsLoad.Results;

namespace WsLoad.Analysis.Anomalies;

/// <summary>
/// Anomalies and trends of a run's per-second series, judged over the hold only (the ramps change the load on
/// purpose; see <see cref="AnomalyRules"/>). Pure and deterministic: reads the <see cref="RunResult"/> and nothing else.
/// </summary>
public static class AnomalyAnalysis
{
    /// <summary>The metrics whose drift over the hold is reported.</summary>
    internal static IReadOnlyList<SeriesMetric> TrendMetrics { get; } = [SeriesMetric.Throughput, SeriesMetric.RttP50, SeriesMetric.RttP99];

    public static AnomalyReport Analyze(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var series = run.Series;
        var hold = Enumerable.Range(0, series.Count).Where(i => series[i].Phase == SeriesReading.HoldPhase).ToList();
        if (hold.Count == 0)
            return new AnomalyReport { Notes = ["no hold samples: anomalies and trends are judged over the hold only"] };

        var from = series[hold[0]].AtSeconds - SeriesReading.IntervalSeconds(series, hold[0]);
        var to = series[hold[^1]].AtSeconds;
        var notes = new List<string>();
        var anomalies = new List<Anomaly>();
        foreach (var rule in AnomalyRules.Metrics)
        {
            var found = AnomalyDetector.Detect(series, hold, rule);
            if (found is null)
                notes.Add($"{SeriesReading.Name(rule.Metric)}: fewer than {AnomalyRules.MinBaselineSeconds} hold seconds with a value, not judged");
            else
                anomalies.AddRange(found);
        }

        var trends = new List<Trend>();
        foreach (var metric in TrendMetrics)
        {
            var points = hold
                .Select(i => (X: series[i].AtSeconds, Y: SeriesReading.Read(series, i, metric)))
                .Where(p => p.Y.HasValue)
                .Select(p => (p.X, p.Y!.Value))
                .ToList();
            var trend = TrendEstimator.Estimate(metric, points, to - from);
            if (trend is null)
                notes.Add($"{SeriesReading.Name(metric)}: fewer than {TrendEstimator.MinPoints} hold seconds with a value, no trend");
            else
                trends.Add(trend);
        }

        return new AnomalyReport
        {
            HoldFromSeconds = from,
            HoldToSeconds = to,
            HoldSeconds = hold.Count,
            Anomalies = [.. anomalies.OrderBy(a => a.FromSeconds).ThenBy(a => a.Metric)],
            Trends = trends,
            Notes = notes,
        };
    }
}
