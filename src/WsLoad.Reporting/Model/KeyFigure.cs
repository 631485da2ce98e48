using WsLoad.Results;
using WsLoad.Thresholds;

namespace WsLoad.Reporting.Model;

/// <summary>Whether a figure was held against a threshold, and how it did.</summary>
public enum FigureStatus
{
    NoTarget,
    Met,
    Missed,
}

/// <summary>
/// One headline number of the executive summary. <see cref="Metric"/> is the threshold metric name it is read with
/// (so a threshold on that metric becomes its <see cref="Target"/>); <see cref="Value"/> is null when the run has no
/// data for it (shown as "-", never as zero).
/// </summary>
public sealed record KeyFigure(string Name, string Metric, double? Value, string Display, string? Target, FigureStatus Status)
{
    private static readonly (string Name, string Metric)[] Catalogue =
    [
        ("peak connections", "connections.peak"),
        ("connect success", "connect.success"),
        ("throughput", "throughput"),
        ("service time p50", "rtt.p50"),
        ("service time p99", "rtt.p99"),
        ("service time p99.9", "rtt.p999"),
        ("response time p99.9", "response.p999"),
        ("error rate", "errors.rate"),
        ("availability", "availability"),
    ];

    // A broadcast is judged by its fan-out, a push by its stream: nothing comes back to time a round trip.
    private static readonly (string Name, string Metric)[] BroadcastCatalogue =
    [
        ("peak connections", "connections.peak"),
        ("connect success", "connect.success"),
        ("fan-out reach", "fanout.reach"),
        ("fan-out p50", "fanout.p50"),
        ("fan-out p99", "fanout.p99"),
        ("fan-out p99.9", "fanout.p999"),
        ("to the last subscriber p99", "fanout.complete.p99"),
        ("error rate", "errors.rate"),
        ("availability", "availability"),
    ];

    private static readonly (string Name, string Metric)[] PushCatalogue =
    [
        ("peak connections", "connections.peak"),
        ("connect success", "connect.success"),
        ("push gaps", "push.gaps"),
        ("push delivered", "push.delivered"),
        ("push one way p99", "push.latency.p99"),
        ("error rate", "errors.rate"),
        ("availability", "availability"),
    ];

    /// <summary>One sentence on which phase the key figures are read from, for the reports to print with them.</summary>
    public const string Note = "Key figures are read as thresholds judge them: latency and throughput on the hold when it has them, everything else on the whole run.";

    /// <summary>The key figures of a run, each with the thresholds that named its metric (and judged its phase).</summary>
    public static IReadOnlyList<KeyFigure> Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var catalogue = result.Summary.Fanout is not null ? BroadcastCatalogue : result.Summary.Push is not null ? PushCatalogue : Catalogue;
        var figures = new List<KeyFigure>(catalogue.Length);
        foreach (var (name, metricName) in catalogue)
        {
            // Read as a threshold without a phase judges it (latency and throughput on the hold), so a figure and its
            // target agree; a threshold that names another phase is that phase's, not this figure's.
            var metric = ThresholdMetrics.All[metricName];
            var phase = ThresholdPhases.Default(metric, result.Summary, result.Phases);
            var value = ThresholdPhases.Read(metric, phase, result.Summary, result.Phases);
            var thresholds = result.Thresholds.Where(t => MetricOf(t.Expression) == metricName && (t.Phase is null || t.Phase == phase)).ToList();
            var status = thresholds.Count == 0 ? FigureStatus.NoTarget : thresholds.All(t => t.Passed) ? FigureStatus.Met : FigureStatus.Missed;
            var target = thresholds.Count == 0 ? null : string.Join("; ", thresholds.Select(t => t.Expression));
            figures.Add(new KeyFigure(name, metricName, value, Show(metric.Unit, value), target, status));
            if (metricName == "connections.peak" && HealthyLevel(result) is { } healthy)
            {
                figures.Add(healthy);
            }
        }

        return figures;
    }

    /// <summary>
    /// A pause-ramp checkpoint's capacity answer, beside the peak: the most connections held without its condition holding.
    /// Judged live by the checkpoint, so it has no threshold target.
    /// </summary>
    private static KeyFigure? HealthyLevel(RunResult result) => result.Checkpoints is { HighestHealthyLevel: { } level } checkpoints
        ? new KeyFigure("highest level held healthy", "checkpoints.highestHealthyLevel", level,
            ReportFormat.Count(level) + (checkpoints.HighestHealthyAtSeconds is { } at ? $" (at {ReportFormat.Seconds(at)})" : ""), null, FigureStatus.NoTarget)
        : null;

    private static string? MetricOf(string expression) =>
        ThresholdExpression.TryParse(expression, out var parsed, out _) ? parsed.Metric : null;

    private static string Show(ThresholdUnit unit, double? value) => value is not { } v
        ? "-"
        : unit switch
        {
            ThresholdUnit.Milliseconds => ReportFormat.Ms(v),
            ThresholdUnit.Percent => ReportFormat.Percent(v),
            ThresholdUnit.PerSecond => ReportFormat.Rate(v, "msg"),
            _ => ReportFormat.Count((long)v),
        };
}
