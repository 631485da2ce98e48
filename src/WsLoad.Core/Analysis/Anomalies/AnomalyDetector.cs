using WsLoad.Results;

namespace WsLoad.Analysis.Anomalies;

/// <summary>Finds the stretches of one metric that leave its hold baseline (rules: <see cref="AnomalyRules"/>).</summary>
internal static class AnomalyDetector
{
    /// <summary>The metric's anomalies among <paramref name="hold"/> (consecutive indices into <paramref name="series"/>), or null when it has too few values to judge.</summary>
    public static IReadOnlyList<Anomaly>? Detect(IReadOnlyList<IntervalSample> series, IReadOnlyList<int> hold, MetricRule rule)
    {
        var values = hold.Select(i => SeriesReading.Read(series, i, rule.Metric)).ToList();
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (present.Count < AnomalyRules.MinBaselineSeconds)
            return null;

        var baseline = RobustBaseline.Of(present);
        var scale = rule.Scale(baseline);
        var anomalies = new List<Anomaly>();
        var runStart = -1;
        var runSign = 0;
        for (var j = 0; j <= values.Count; j++)
        {
            var sign = j < values.Count ? SideOf(values[j], baseline.Median, scale, rule) : 0;
            if (sign == runSign && sign != 0)
                continue;
            if (runSign != 0 && j - runStart >= AnomalyRules.MinRunSeconds)
                anomalies.Add(Describe(series, hold, values, runStart, j, runSign, baseline, scale, rule.Metric));
            runStart = j;
            runSign = sign;
        }

        return anomalies;
    }

    // +1 above the band, −1 below it (when drops count), 0 inside or missing.
    private static int SideOf(double? value, double median, double scale, MetricRule rule)
    {
        if (value is not { } v)
            return 0;
        if (v - median > AnomalyRules.K * scale)
            return 1;
        return !rule.SpikesOnly && median - v > AnomalyRules.K * scale ? -1 : 0;
    }

    private static Anomaly Describe(
        IReadOnlyList<IntervalSample> series, IReadOnlyList<int> hold, List<double?> values, int start, int end, int sign,
        RobustBaseline baseline, double scale, SeriesMetric metric)
    {
        var stretch = values.Skip(start).Take(end - start).Select(v => v!.Value).ToList();
        var peak = sign > 0 ? stretch.Max() : stretch.Min();
        var first = hold[start];
        var last = hold[end - 1];
        var from = series[first].AtSeconds - SeriesReading.IntervalSeconds(series, first);
        var to = series[last].AtSeconds;
        var saturated = Enumerable.Range(start, end - start).Count(j => series[hold[j]].Generator?.Saturated == true);
        var deviations = (peak - baseline.Median) / scale;
        var direction = sign > 0 ? AnomalyDirection.Spike : AnomalyDirection.Drop;
        var name = SeriesReading.Name(metric);
        var unit = SeriesReading.Unit(metric);
        var f = (Func<double, string>)SeriesReading.Format;
        var evidence = new List<string>
        {
            $"{name}: {(sign > 0 ? "peak" : "low")} {f(peak)} {unit} vs hold median {f(baseline.Median)} {unit}",
            $"deviation: {f(deviations)} × scale {f(scale)} {unit} (k = {f(AnomalyRules.K)})",
            $"duration: {end - start} s from {f(from)} s to {f(to)} s",
        };
        if (saturated > 0)
            evidence.Add($"generator saturated in {saturated} of {end - start} s: figures unreliable");

        return new Anomaly
        {
            Id = $"{name}-{(sign > 0 ? "spike" : "drop")}-{f(Math.Round(from))}s",
            Metric = metric,
            Direction = direction,
            FromSeconds = from,
            ToSeconds = to,
            Seconds = end - start,
            Baseline = baseline.Median,
            Scale = scale,
            Peak = peak,
            PeakRatio = baseline.Median == 0 ? null : peak / baseline.Median,
            MaxDeviations = deviations,
            GeneratorSaturatedSeconds = saturated,
            Confidence = AnomalyRules.Confidence(end - start, deviations, saturated > 0),
            Evidence = evidence,
        };
    }
}
