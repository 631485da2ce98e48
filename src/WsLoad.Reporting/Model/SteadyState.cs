using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Thresholds;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>
/// The figures every summary leads with: the hold's (the steady state, every connection open) throughput and latency
/// percentiles, with the whole run's beside them. The whole run also counts the ramps and the close, so its tail is
/// not the server's steady state. Without hold figures (a run.json from before phases, or a run that never reached
/// its hold) the table has the whole run's column only, and its header says so.
/// </summary>
public static class SteadyState
{
    public const string WholeRunHeader = "whole run";

    public const string WholeRunOnlyHeader = "whole run (no hold figures)";

    /// <summary>One sentence on why the hold leads, for the reports to print above the table.</summary>
    public const string Note = "The hold is the steady state, with every planned connection open; the whole run also counts the ramps and the close.";

    private static readonly (string Name, Func<LatencySummary, double> Read)[] Percentiles =
        [("p50", l => l.P50), ("p90", l => l.P90), ("p95", l => l.P95), ("p99", l => l.P99), ("p99.9", l => l.P999)];

    /// <summary>The hold's figures, or null when the run has none.</summary>
    public static PhaseSummary? Hold(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Phases.TryGetValue(PlanPhases.HoldName, out var hold) && hold.Intervals > 0 ? hold : null;
    }

    /// <summary>"hold (2-14 s)", or null when the run has no hold figures.</summary>
    public static string? HoldHeader(RunResult result) =>
        Hold(result) is { } hold ? $"hold ({Number(hold.FromSeconds, "0.#")}-{Number(hold.ToSeconds, "0.#")} s)" : null;

    /// <summary>Messages received per second over the hold, as <c>throughput</c> reads it (null without hold figures).</summary>
    public static double? HoldThroughput(RunResult result) =>
        Hold(result) is null ? null : ThresholdPhases.Read(Throughput, PlanPhases.HoldName, result.Summary, result.Phases);

    /// <summary>Messages received per second over the whole run, as <c>throughput{phase:all}</c> reads it.</summary>
    public static double WholeRunThroughput(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ThresholdPhases.Read(Throughput, ThresholdPhases.AllName, result.Summary, result.Phases) ?? 0;
    }

    private static ThresholdMetrics.Metric Throughput => ThresholdMetrics.All["throughput"];

    /// <summary>
    /// Rows of throughput and latency (ms; the row names the unit, the cells are bare numbers), the hold's column first
    /// when there is one, then the whole run's.
    /// </summary>
    public static ReportTable Table(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var hold = Hold(result);
        var whole = result.Summary.LatencyMs;
        var rows = new List<IReadOnlyList<string>>
        {
            Row("throughput, msg/s received", HoldThroughput(result) is { } held ? Number(held, "#,0.#") : "-", Number(WholeRunThroughput(result), "#,0.#")),
        };
        foreach (var (name, read) in Percentiles)
        {
            rows.Add(Row($"service time (rtt) {name}, ms", Ms(hold?.Rtt, read), Ms(whole.Rtt, read)));
        }

        foreach (var (name, read) in Percentiles.Where(p => p.Name is "p50" or "p99" or "p99.9"))
        {
            rows.Add(Row($"response time {name}, ms", Ms(hold?.Response, read), Ms(whole.Response, read)));
        }

        IReadOnlyList<string> headers = hold is null ? ["", WholeRunOnlyHeader] : ["", HoldHeader(result)!, WholeRunHeader];
        return new(headers, rows);

        IReadOnlyList<string> Row(string name, string holdValue, string wholeValue) =>
            hold is null ? [name, wholeValue] : [name, holdValue, wholeValue];
    }

    private static string Ms(LatencySummary? latency, Func<LatencySummary, double> read) =>
        latency is { Count: > 0 } l ? MsText(read(l)) : "-";

    /// <summary>As <see cref="ReportFormat.Ms"/> without the unit (the row names it).</summary>
    private static string MsText(double value) => value switch
    {
        < 1 => Number(value, "0.###"),
        < 100 => Number(value, "0.##"),
        _ => Number(value, "#,0"),
    };
}
