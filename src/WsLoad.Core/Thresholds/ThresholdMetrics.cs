using WsLoad.Results;

namespace WsLoad.Thresholds;

/// <summary>The metrics a threshold may name: each with its unit and how to read it from a <see cref="RunSummary"/>.</summary>
internal static class ThresholdMetrics
{
    /// <summary>A metric's unit and reader; the reader returns null when the run has no data for it.</summary>
    internal sealed record Metric(string Name, ThresholdUnit Unit, Func<RunSummary, double?> Read, string NoDataReason);

    private static readonly (string Suffix, Func<LatencySummary, double> Read)[] LatencyStats =
    [
        ("p50", l => l.P50), ("p90", l => l.P90), ("p95", l => l.P95), ("p99", l => l.P99),
        ("p999", l => l.P999), ("max", l => l.Max), ("mean", l => l.Mean),
    ];

    public static IReadOnlyDictionary<string, Metric> All { get; } = Build();

    /// <summary>Every metric name, in catalogue order, for error messages.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Keys];

    private static Dictionary<string, Metric> Build()
    {
        var metrics = new List<Metric>();
        foreach (var (suffix, read) in LatencyStats)
        {
            metrics.Add(new($"rtt.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.LatencyMs.Rtt, read), "no round trips were measured"));
        }

        foreach (var (suffix, read) in LatencyStats)
        {
            metrics.Add(new($"response.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.LatencyMs.Response, read), "no round trips were measured"));
        }

        foreach (var (suffix, read) in LatencyStats)
        {
            metrics.Add(new($"connect.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.LatencyMs.Connect, read), "no connections were established"));
        }

        metrics.Add(new("connect.success", ThresholdUnit.Percent, ConnectSuccess, "no connections were attempted"));
        metrics.Add(new("availability", ThresholdUnit.Percent, s => s.Availability?.OverallPercent, "no connections were planned"));
        metrics.Add(new("throughput", ThresholdUnit.PerSecond, s => s.Messages.ThroughputPerSec, ""));
        metrics.Add(new("errors.rate", ThresholdUnit.Percent, ErrorRate, "no connections were attempted and no messages sent"));
        metrics.Add(Count("messages.lost", s => s.Messages.Lost));
        metrics.Add(Count("messages.duplicated", s => s.Messages.Duplicated));
        metrics.Add(Count("messages.outOfOrder", s => s.Messages.OutOfOrder));
        metrics.Add(Count("messages.corrupted", s => s.Messages.Corrupted));
        metrics.Add(Count("messages.late", s => s.Messages.Late));
        metrics.Add(Count("messages.sent", s => s.Messages.Sent));
        metrics.Add(Count("messages.received", s => s.Messages.Received));
        metrics.Add(Count("connections.peak", s => s.Connections.Peak));
        metrics.Add(Count("connections.failed", s => s.Connections.Failed));
        metrics.Add(Count("connections.dropped", s => s.Connections.Dropped));
        metrics.Add(Count("connections.established", s => s.Connections.Established));
        return metrics.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    private static Metric Count(string name, Func<RunSummary, long> read) =>
        new(name, ThresholdUnit.Count, s => read(s), "");

    private static double? Latency(LatencySummary? latency, Func<LatencySummary, double> read) =>
        latency is { Count: > 0 } ? read(latency) : null;

    private static double? ConnectSuccess(RunSummary s) =>
        s.Connections.Attempted > 0 ? 100.0 * s.Connections.Established / s.Connections.Attempted : null;

    private static double? ErrorRate(RunSummary s)
    {
        double operations = s.Connections.Attempted + s.Messages.Sent;
        if (operations <= 0)
            return null;
        double errors = s.Connections.Failed + s.Connections.Dropped + s.Messages.Lost + s.Messages.Corrupted;
        return 100.0 * errors / operations;
    }
}
