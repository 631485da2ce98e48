using WsLoad.Results;

namespace WsLoad.Thresholds;

/// <summary>
/// The metrics a threshold may name: each with its unit and how to read it from a <see cref="RunSummary"/> (the whole
/// run) and, when a phase can give it, from a <see cref="PhaseSummary"/>.
/// </summary>
internal static class ThresholdMetrics
{
    /// <summary>
    /// A metric's unit and readers; a reader returns null when there is no data for it. <see cref="ReadPhase"/> is null
    /// for a metric only the whole run has, and <see cref="WholeRunOnly"/> says why. <see cref="SteadyState"/> metrics
    /// (latency of round trips, throughput) are judged on the hold unless the threshold names a phase.
    /// <see cref="ReadAll"/> replaces <see cref="Read"/> for the <c>all</c> phase when the summary's figure is not the whole
    /// run's, and <see cref="ReadHold"/> replaces <see cref="ReadPhase"/> for the hold when the summary has the hold's figure.
    /// </summary>
    internal sealed record Metric(string Name, ThresholdUnit Unit, Func<RunSummary, double?> Read, string NoDataReason)
    {
        public Func<PhaseSummary, double?>? ReadPhase { get; init; }

        public bool SteadyState { get; init; }

        public string WholeRunOnly { get; init; } = "it is counted over the whole run only";

        public Func<RunSummary, IReadOnlyDictionary<string, PhaseSummary>, double?>? ReadAll { get; init; }

        public Func<RunSummary, double?>? ReadHold { get; init; }
    }

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
            metrics.Add(new($"rtt.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.LatencyMs.Rtt, read), "no round trips were measured")
            { ReadPhase = p => Latency(p.Rtt, read), SteadyState = true });
        }

        foreach (var (suffix, read) in LatencyStats)
        {
            metrics.Add(new($"response.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.LatencyMs.Response, read), "no round trips were measured")
            { ReadPhase = p => Latency(p.Response, read), SteadyState = true });
        }

        foreach (var (suffix, read) in LatencyStats)
        {
            metrics.Add(new($"connect.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.LatencyMs.Connect, read), "no connections were established")
            { ReadPhase = p => Latency(p.Connect, read) });
        }

        // Broadcast: a message is resolved against its due subscribers after its timeout, over the whole run.
        const string FanoutWholeRun = "a broadcast message's reach is known only once every process's records of it are in: judged over the whole run";
        foreach (var (suffix, read) in LatencyStats)
        {
            metrics.Add(new($"fanout.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.Fanout?.LatencyMs, read), "no broadcast deliveries were measured (expect: broadcast)")
            { WholeRunOnly = FanoutWholeRun });
            metrics.Add(new($"fanout.complete.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.Fanout?.CompleteMs, read), "no broadcast message reached all its subscribers (expect: broadcast)")
            { WholeRunOnly = FanoutWholeRun });
        }

        metrics.Add(new("fanout.reach", ThresholdUnit.Percent, s => s.Fanout?.ReachPercent, "no broadcast deliveries were due (expect: broadcast)") { WholeRunOnly = FanoutWholeRun });
        metrics.Add(new("fanout.minReach", ThresholdUnit.Percent, s => s.Fanout?.MinMessageReachPercent, "no broadcast deliveries were due (expect: broadcast)") { WholeRunOnly = FanoutWholeRun });
        metrics.Add(new("fanout.missing", ThresholdUnit.Count, s => s.Fanout?.Missing, "not a broadcast run (expect: broadcast)") { WholeRunOnly = FanoutWholeRun });
        foreach (var (suffix, read) in LatencyStats)
        {
            metrics.Add(new($"push.latency.{suffix}", ThresholdUnit.Milliseconds, s => Latency(s.Push?.LatencyMs, read), "no pushed message carried a timestamp (expect: push, push.timestampField)")
            { WholeRunOnly = "the push figures are kept for the whole run only" });
        }

        metrics.Add(new("push.gaps", ThresholdUnit.Count, s => s.Push?.Gaps, "not a push run (expect: push)") { WholeRunOnly = "the push figures are kept for the whole run only" });
        metrics.Add(new("push.delivered", ThresholdUnit.Percent, s => s.Push?.DeliveredPercent, "nothing was pushed (expect: push)") { WholeRunOnly = "the push figures are kept for the whole run only" });
        metrics.Add(new("connect.success", ThresholdUnit.Percent, ConnectSuccess, "no connections were attempted")
        { ReadPhase = p => p.Counters.ConnectsAttempted > 0 ? 100.0 * p.Counters.ConnectsEstablished / p.Counters.ConnectsAttempted : null });
        metrics.Add(new("availability", ThresholdUnit.Percent, s => s.Availability?.OverallPercent, "no connections were planned")
        { WholeRunOnly = "connection up time is measured over the whole run only" });
        metrics.Add(new("throughput", ThresholdUnit.PerSecond, s => s.Messages.ThroughputPerSec, "")
        {
            // The summary's throughput is the hold's, counted from the last connection's establishment: the figure every report shows.
            ReadPhase = p => p.ReceivedPerSec,
            ReadHold = s => s.Messages.ThroughputPerSec,
            SteadyState = true,
            ReadAll = WholeRunThroughput,
        });
        metrics.Add(new("errors.rate", ThresholdUnit.Percent, ErrorRate, "no connections were attempted and no messages sent")
        { WholeRunOnly = "lost messages are counted over the whole run only" });
        metrics.Add(Count("messages.lost", s => s.Messages.Lost) with { WholeRunOnly = "a message is known lost only at its timeout, not per phase" });
        metrics.Add(Count("messages.duplicated", s => s.Messages.Duplicated, p => p.Counters.Duplicated));
        metrics.Add(Count("messages.outOfOrder", s => s.Messages.OutOfOrder, p => p.Counters.OutOfOrder));
        metrics.Add(Count("messages.corrupted", s => s.Messages.Corrupted, p => p.Counters.Corrupted));
        metrics.Add(Count("messages.late", s => s.Messages.Late, p => p.Counters.Late));
        metrics.Add(Count("messages.sent", s => s.Messages.Sent, p => p.Counters.Sent));
        metrics.Add(Count("messages.received", s => s.Messages.Received, p => p.Counters.Received));
        metrics.Add(Count("connections.peak", s => s.Connections.Peak) with { WholeRunOnly = "the peak is kept for the whole run only" });
        metrics.Add(Count("connections.failed", s => s.Connections.Failed, p => p.Counters.ConnectsFailed));
        metrics.Add(Count("connections.dropped", s => s.Connections.Dropped, p => p.Counters.Dropped));
        metrics.Add(Count("connections.established", s => s.Connections.Established, p => p.Counters.ConnectsEstablished));
        return metrics.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    private static Metric Count(string name, Func<RunSummary, long> read, Func<PhaseSummary, long>? readPhase = null) =>
        new(name, ThresholdUnit.Count, s => read(s), "") { ReadPhase = readPhase is null ? null : p => readPhase(p) };

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

    /// <summary>
    /// Replies a second from the first phase's start to the last one's end: the summary's figure is the hold's, so the
    /// whole run's is taken from the phases; a run without phase figures has only the summary's.
    /// </summary>
    private static double? WholeRunThroughput(RunSummary summary, IReadOnlyDictionary<string, PhaseSummary> phases)
    {
        if (phases.Count == 0)
            return summary.Messages.ThroughputPerSec;
        var seconds = phases.Values.Max(p => p.ToSeconds) - phases.Values.Min(p => p.FromSeconds);
        return seconds > 0 ? Math.Round(phases.Values.Sum(p => p.Counters.Received) / seconds, 1) : summary.Messages.ThroughputPerSec;
    }
}
