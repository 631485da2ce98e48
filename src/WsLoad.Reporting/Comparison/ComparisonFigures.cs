using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Reporting.Comparison;

/// <summary>
/// The key figures a comparison shows, in order, each with how to read it and its count-based interval. The hold's
/// throughput and latency lead (the steady state), the whole run's follow, then connections and errors. Quantile
/// intervals from the histograms for latency, Wilson intervals for proportions (and the counts behind them), a
/// Poisson interval for the connect rate. Figures without a count behind them (throughput, availability, planned
/// counts) have no interval, so only the threshold judges them.
/// </summary>
internal static class ComparisonFigures
{
    /// <summary>How to read one figure from a run.</summary>
    internal sealed record Figure(string Name, string Unit, Better Better, Func<ComparedRun, double?> Value, Func<ComparedRun, Interval?> Interval);

    public static IReadOnlyList<Figure> All { get; } =
    [
        new("throughput (hold)", "msg/s", Better.Higher, r => SteadyState.HoldThroughput(r.Result), _ => null),
        HoldRtt("rtt p50 (hold)", 0.50, l => l.P50, s => s.RttP50),
        HoldRtt("rtt p90 (hold)", 0.90, l => l.P90, s => s.RttP90),
        HoldRtt("rtt p99 (hold)", 0.99, l => l.P99, s => s.RttP99),
        HoldRtt("rtt p99.9 (hold)", 0.999, l => l.P999, s => s.RttP999),
        new("throughput (whole run)", "msg/s", Better.Higher, r => SteadyState.WholeRunThroughput(r.Result), _ => null),
        Latency("rtt p50 (whole run)", "rtt", 0.50, l => l.P50),
        Latency("rtt p90 (whole run)", "rtt", 0.90, l => l.P90),
        Latency("rtt p99 (whole run)", "rtt", 0.99, l => l.P99),
        Latency("rtt p99.9 (whole run)", "rtt", 0.999, l => l.P999),
        Latency("response p50 (whole run)", "response", 0.50, l => l.P50),
        Latency("response p99 (whole run)", "response", 0.99, l => l.P99),
        Latency("response p99.9 (whole run)", "response", 0.999, l => l.P999),
        new("connections established", "", Better.Higher, r => C(r).Established, _ => null),
        new("connections peak", "", Better.Higher, r => C(r).Peak, _ => null),
        new("connect success", "%", Better.Higher, r => Percent(C(r).Established, C(r).Attempted), r => ProportionInterval.Of(C(r).Established, C(r).Attempted)?.Scale(100)),
        new("connect rate", "/s", Better.Higher, r => C(r).Established > 0 ? C(r).ConnectRatePerSec : null, r => PoissonInterval.OfRate(C(r).ConnectRatePerSec, C(r).Established)),
        Latency("connect p50", "connect", 0.50, l => l.P50),
        Latency("connect p99", "connect", 0.99, l => l.P99),
        new("errors", "", Better.Lower, r => Errors(r), r => ProportionInterval.Of(Errors(r), Operations(r))?.Scale(Operations(r))),
        new("error rate", "%", Better.Lower, r => Percent(Errors(r), Operations(r)), r => ProportionInterval.Of(Errors(r), Operations(r))?.Scale(100)),
        new("messages lost", "", Better.Lower, r => M(r).Lost, r => ProportionInterval.Of(M(r).Lost, M(r).Sent)?.Scale(M(r).Sent)),
        new("availability", "%", Better.Higher, r => r.Result.Summary.Availability?.OverallPercent, _ => null),
    ];

    /// <summary>Errors as the <c>errors.rate</c> threshold counts them: failed connects, drops, lost and corrupted messages.</summary>
    public static long Errors(ComparedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return C(run).Failed + C(run).Dropped + M(run).Lost + M(run).Corrupted;
    }

    /// <summary>What errors are counted against (as for <c>errors.rate</c>): connects attempted plus messages sent.</summary>
    public static long Operations(ComparedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return C(run).Attempted + M(run).Sent;
    }

    private static Figure Latency(string name, string histogram, double quantile, Func<LatencySummary, double> read) =>
        new(name, "ms", Better.Lower,
            r => LatencyOf(r, histogram) is { Count: > 0 } latency ? read(latency) : null,
            r => r.Histogram(histogram) is { } h ? QuantileInterval.Of(h, quantile) : null);

    /// <summary>
    /// A hold percentile of the service time. run.json keeps the hold's percentiles but not its histogram, so its
    /// interval is the hull of two: the sampling interval read from those percentiles (<see cref="SummaryQuantileInterval"/>)
    /// and the range of the same percentile over the hold's seconds (the series), so that a change within the hold's own
    /// second-to-second variation (a busy machine, a GC) is not flagged. Response time has no per-second series, so it is
    /// compared over the whole run only, from its histogram.
    /// </summary>
    private static Figure HoldRtt(string name, double quantile, Func<LatencySummary, double> read, Func<IntervalSample, double?> perSecond) =>
        new(name, "ms", Better.Lower,
            r => Hold(r) is { Rtt: { Count: > 0 } l } ? read(l) : null,
            r => Hold(r) is { } hold ? Hull(SummaryQuantileInterval.Of(hold.Rtt, quantile), HoldSeconds(r).Select(perSecond).OfType<double>().ToList()) : null);

    private static Interval? Hull(Interval? sampling, List<double> perSecond) => (sampling, perSecond.Count) switch
    {
        (null, _) => null,
        (_, 0) => sampling,
        ({ } i, _) => new Interval(Math.Min(i.Low, perSecond.Min()), Math.Max(i.High, perSecond.Max())),
    };

    private static IEnumerable<IntervalSample> HoldSeconds(ComparedRun run) =>
        run.Result.Series.Where(s => s.Phase == Planning.PlanPhases.HoldName);

    private static PhaseSummary? Hold(ComparedRun run) => SteadyState.Hold(run.Result);

    private static LatencySummary? LatencyOf(ComparedRun run, string histogram)
    {
        var latency = run.Result.Summary.LatencyMs;
        return histogram switch
        {
            "rtt" => latency.Rtt,
            "response" => latency.Response,
            "connect" => latency.Connect,
            _ => null,
        };
    }

    private static ConnectionSummary C(ComparedRun run) => run.Result.Summary.Connections;

    private static MessageSummary M(ComparedRun run) => run.Result.Summary.Messages;

    private static double? Percent(long part, long whole) => whole > 0 ? 100.0 * part / whole : null;
}
