using HdrHistogram;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Thresholds;

namespace WsLoad.Reporting.Model;

/// <summary>The charts every full report shows, built from the per-second series and the stored histograms of a run.</summary>
public static class ReportCharts
{
    private const double Mib = 1024 * 1024;

    public static IReadOnlyList<ChartSpec> Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Series;
        var x = s.Select(i => i.AtSeconds).ToList();
        var cores = Math.Max(1, result.Environment.ProcessorCount);
        var markers = Markers(result);
        List<ChartSpec> charts =
        [
            new("connections", "Open connections", ChartAxis.Seconds, "time (s)", "connections",
                [Line("open", x, s, i => i.OpenConnections), Line("target", x, s, i => i.TargetConnections)], []),
            new("messages", "Messages per second", ChartAxis.Seconds, "time (s)", "messages/s",
                [Line("sent", x, s, i => i.Sent), Line("received", x, s, i => i.Received)], Lines(result, "throughput")),
            new("latency", "Service time percentiles per second", ChartAxis.Seconds, "time (s)", "ms",
                [Line("p50", x, s, i => i.RttP50), Line("p90", x, s, i => i.RttP90), Line("p99", x, s, i => i.RttP99), Line("p99.9", x, s, i => i.RttP999)],
                Lines(result, "rtt.")),
            new("spectrum", "Latency by percentile (whole run)", ChartAxis.PercentileLog, "percentile", "ms",
                [.. Spectrum(result, "rtt", "service time"), .. Spectrum(result, "response", "response time"), .. Spectrum(result, "fanout", "fan-out (publish to arrival)")],
                [.. Lines(result, "rtt."), .. Lines(result, "response."), .. Lines(result, "fanout.p")]),
            new("errors", "Errors per second by class", ChartAxis.Seconds, "time (s)", "errors/s", Errors(x, s), []),
            new("cpu", "CPU (% of one core)", ChartAxis.Seconds, "time (s)", "% of one core",
                [
                    Line("generator", x, s, i => i.Generator?.CpuPercent),
                    Line("server", x, s, i => i.Server?.CpuPercent),
                    Line($"machine (all {cores} cores)", x, s, i => i.Machine is { } m ? m.CpuPercent * cores : null),
                ], [new ChartLine($"{cores} cores", 100.0 * cores)]),
            new("memory", "Memory (RSS)", ChartAxis.Seconds, "time (s)", "MiB",
                [
                    Line("generator RSS", x, s, i => i.Generator is { } g ? g.RssBytes / Mib : null),
                    Line("generator GC heap", x, s, i => i.Generator is { } g ? g.GcHeapBytes / Mib : null),
                    Line("server RSS", x, s, i => i.Server is { } p ? p.RssBytes / Mib : null),
                ], []),
        ];
        if (result.Summary.Fanout is not null)
        {
            // After the messages chart: a broadcast's latency is publish to arrival, and its reach is by publish second.
            charts.InsertRange(2,
            [
                new("fanout-latency", "Fan-out: publish to arrival, p99 per second", ChartAxis.Seconds, "time (s)", "ms",
                    [Line("p99", x, s, i => i.FanoutP99)], Lines(result, "fanout.p")),
                new("fanout-reach", "Fan-out reach by the second a message was published", ChartAxis.Seconds, "time (s)", "% of due deliveries",
                    [Line("reach", x, s, i => i.FanoutDue is > 0 and var due ? 100.0 * i.FanoutDelivered!.Value / due : null)], Lines(result, "fanout.reach")),
            ]);
        }

        return [.. charts.Select(c => c.XAxis == ChartAxis.Seconds ? c with { Markers = markers } : c)];
    }

    /// <summary>
    /// One mark per event of the run's timeline (a lasting one at its start, its label saying how long); a checkpoint's
    /// firing and clearing are labelled with the checkpoint's name, a ramp-down with the connections it closed.
    /// </summary>
    private static List<ChartMarker> Markers(RunResult result) =>
    [
        .. result.Events.OrderBy(e => e.AtSeconds).Select(e => new ChartMarker(e.AtSeconds, MarkerLabel(e, result.Checkpoints))),
    ];

    private static string MarkerLabel(RunEvent e, CheckpointsSummary? checkpoints) => e switch
    {
        { DurationSeconds: { } d } => $"{e.Kind} ({ReportFormat.Seconds(d)})",
        { Kind: "checkpoint-fired" or "checkpoint-cleared" } when CheckpointTables.Of(e, checkpoints) is { } checkpoint =>
            $"{checkpoint.Name} {(e.Kind == "checkpoint-fired" ? "fired" : "cleared")}",
        { Kind: "ramp-down", Count: { } closed } => $"ramp-down (closed {ReportFormat.Count(closed)})",
        _ => e.Kind,
    };

    private static ChartSeries Line(string name, List<double> x, IReadOnlyList<IntervalSample> series, Func<IntervalSample, double?> read) =>
        new(name, x, [.. series.Select(read)]);

    /// <summary>One series per error class (0 in seconds without it); one all-zero "errors" series when there were none.</summary>
    private static List<ChartSeries> Errors(List<double> x, IReadOnlyList<IntervalSample> series)
    {
        var classes = series.Where(i => i.ErrorsByClass is not null).SelectMany(i => i.ErrorsByClass!.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        if (classes.Count == 0)
        {
            return [Line("errors", x, series, i => i.Errors)];
        }

        return [.. classes.Select(c => Line(c, x, series, i => i.ErrorsByClass is { } e && e.TryGetValue(c, out var n) ? n : 0))];
    }

    /// <summary>The percentile spectrum of a stored histogram (µs), in ms; nothing when the run has no such samples.</summary>
    private static IEnumerable<ChartSeries> Spectrum(RunResult result, string key, string name)
    {
        if (!result.Histograms.TryGetValue(key, out var encoded) || encoded.Length == 0)
        {
            yield break;
        }

        var histogram = HistogramCodec.Decode(encoded);
        var count = histogram.TotalCount;
        if (count == 0)
        {
            yield break;
        }

        // The last percentile a count can resolve: beyond 1 - 1/n there is only the maximum.
        var top = 100.0 * (1 - (1.0 / Math.Max(2, count)));
        var x = new List<double>();
        var y = new List<double?>();
        foreach (var point in histogram.Percentiles(5))
        {
            var percentile = Math.Min(point.Percentile, top);
            if (x.Count > 0 && percentile <= x[^1])
            {
                continue;
            }

            x.Add(Math.Round(percentile, 6));
            y.Add(Math.Round(point.ValueIteratedTo / 1000.0, 3));
        }

        yield return new ChartSeries(name, x, y);
    }

    /// <summary>Threshold lines for metrics that start with <paramref name="prefix"/> (ms or per-second values).</summary>
    private static List<ChartLine> Lines(RunResult result, string prefix) =>
    [
        .. result.Scenario.Thresholds
            .Select(t => ThresholdExpression.TryParse(t, out var parsed, out _) ? parsed : null)
            .Where(t => t is not null && t.Metric.StartsWith(prefix, StringComparison.Ordinal) && t.Unit is ThresholdUnit.Milliseconds or ThresholdUnit.PerSecond or ThresholdUnit.Percent)
            .Select(t => new ChartLine(t!.Text, t.Value)),
    ];
}
