using WsLoad.Metrics;
using WsLoad.Thresholds;

namespace WsLoad.Checkpoints;

/// <summary>
/// The metrics a checkpoint condition may name, read from the live interval snapshots. Latencies and rates read the
/// window (<c>rtt.p99[10s]</c>) or, without one, everything since the start; counts are the window's or the run's;
/// levels and flags read the newest second. The names follow the thresholds' (<see cref="ThresholdMetrics"/>) where
/// they mean the same thing.
/// </summary>
internal static class LiveMetrics
{
    private static readonly (string Suffix, double Percentile)[] Percentiles =
    [
        ("p50", 50), ("p90", 90), ("p95", 95), ("p99", 99), ("p999", 99.9),
    ];

    public static IReadOnlyDictionary<string, LiveMetric> All { get; } = Build();

    /// <summary>Every name, in catalogue order, for error messages.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Keys];

    private static Dictionary<string, LiveMetric> Build()
    {
        var metrics = new List<LiveMetric>();
        foreach (var (prefix, histogram, what) in new[]
        {
            ("rtt", HistogramNames.Rtt, "service time (send to reply)"),
            ("response", HistogramNames.Response, "response time (due to reply)"),
            ("connect", HistogramNames.Connect, "connect time (TCP, TLS and upgrade)"),
        })
        {
            foreach (var (suffix, percentile) in Percentiles)
            {
                metrics.Add(new($"{prefix}.{suffix}", ThresholdUnit.Milliseconds, (w, s) => Milliseconds(w.Histogram(histogram, s).ValueAtPercentile(percentile)), $"{what}, {suffix}"));
            }

            metrics.Add(new($"{prefix}.max", ThresholdUnit.Milliseconds, (w, s) => Milliseconds(w.Histogram(histogram, s).MaxValue), $"{what}, the highest"));
            metrics.Add(new($"{prefix}.mean", ThresholdUnit.Milliseconds, (w, s) => Mean(w.Histogram(histogram, s)), $"{what}, the mean"));
        }

        metrics.Add(new("errors.rate", ThresholdUnit.Percent, ErrorRate, "failed connects, drops and corrupted replies, per connect attempted and message sent"));
        metrics.Add(new("connect.success", ThresholdUnit.Percent, ConnectSuccess, "connects established per connect attempted"));
        metrics.Add(new("throughput", ThresholdUnit.PerSecond, Throughput, "replies received per second"));
        metrics.Add(Count("errors", c => c.Errors, "errors of every class"));
        metrics.Add(Count("connections.failed", c => c.ConnectsFailed, "connects that failed"));
        metrics.Add(Count("connections.dropped", c => c.Dropped, "connections the server or network ended"));
        metrics.Add(Count("connections.established", c => c.ConnectsEstablished, "connects that succeeded"));
        metrics.Add(Count("messages.sent", c => c.Sent, "messages sent"));
        metrics.Add(Count("messages.received", c => c.Received, "messages received"));
        metrics.Add(Count("messages.corrupted", c => c.Corrupted, "replies that failed their integrity check"));
        metrics.Add(Count("messages.duplicated", c => c.Duplicated, "replies received twice"));
        metrics.Add(Count("messages.outOfOrder", c => c.OutOfOrder, "replies out of order"));
        metrics.Add(Count("messages.late", c => c.Late, "replies after the message timeout"));
        metrics.Add(new("connections.open", ThresholdUnit.Count, (w, _) => w.Latest?.OpenConnections, "connections open at the end of the newest second") { Windowed = false, NoWindowReason = "the open count at the newest second" });
        metrics.Add(new("generator.saturated", null, (w, _) => Flag(Generators(w).Any(g => g.Saturated)), "the generator (any process) could not keep up in the newest second")
        { Windowed = false, NoWindowReason = "a flag of the newest second" });
        metrics.Add(new("generator.cpu", ThresholdUnit.Percent, (w, _) => Generators(w).Select(g => (double?)g.CpuPercent).Max(), "the busiest generator process's CPU in the newest second, % of one core")
        { Windowed = false });
        metrics.Add(new("server.cpu", ThresholdUnit.Percent, (w, _) => Servers(w).Select(s => (double?)s.CpuPercent).Max(), "the target server's CPU in the newest second, % of one core (when it is sampled)")
        { Windowed = false });
        return metrics.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    private static LiveMetric Count(string name, Func<SnapshotCounters, long> read, string meaning) =>
        new(name, ThresholdUnit.Count, (w, s) => read(w.Counters(s)), meaning);

    private static double? Milliseconds(long? microseconds) => microseconds / 1000.0;

    private static double? Mean(HistogramCounts histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return null;
        }

        double sum = 0;
        for (var i = 0; i < histogram.Values.Length; i++)
        {
            sum += (double)histogram.Values[i] * histogram.Counts[i];
        }

        return sum / histogram.TotalCount / 1000.0;
    }

    private static double? ErrorRate(LiveWindow window, int? seconds)
    {
        var c = window.Counters(seconds);
        double operations = c.ConnectsAttempted + c.Sent;
        return operations > 0 ? 100.0 * (c.ConnectsFailed + c.Dropped + c.Corrupted) / operations : null;
    }

    private static double? ConnectSuccess(LiveWindow window, int? seconds)
    {
        var c = window.Counters(seconds);
        return c.ConnectsAttempted > 0 ? 100.0 * c.ConnectsEstablished / c.ConnectsAttempted : null;
    }

    private static double? Throughput(LiveWindow window, int? seconds)
    {
        var covered = window.Seconds(seconds);
        return covered > 0 ? window.Counters(seconds).Received / covered : null;
    }

    private static double Flag(bool set) => set ? 1 : 0;

    private static IEnumerable<Results.GeneratorSample> Generators(LiveWindow window) =>
        window.Latest?.Processes.Select(p => p.Generator).OfType<Results.GeneratorSample>() ?? [];

    private static IEnumerable<Results.ProcessSample> Servers(LiveWindow window) =>
        window.Latest?.Processes.Select(p => p.Server).OfType<Results.ProcessSample>() ?? [];
}
