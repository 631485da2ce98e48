using System.Text.Json.Nodes;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Tests.Reporting;

/// <summary>
/// The key figures every report leads with, read from run.json's own fields (not from the report model that draws
/// them) and formatted as the reports format them: what a rendered report is checked against. Latency is the hold's
/// when the run has one, as an unphased threshold judges it.
/// </summary>
internal static class RunJsonFigures
{
    public static IReadOnlyList<(string Name, string Metric, double? Value, string Display)> KeyFigures(JsonNode run)
    {
        var summary = run["summary"]!;
        var (connections, messages, latency) = (summary["connections"]!, summary["messages"]!, summary["latencyMs"]!);
        var (attempted, established, sent) = ((double)connections["attempted"]!, (double)connections["established"]!, (double)messages["sent"]!);
        var errors = (double)connections["failed"]! + (double)connections["dropped"]! + (double)messages["lost"]! + (double)messages["corrupted"]!;
        // Latency as thresholds judge it: the hold's when the hold has it (the steady state), else the whole run's.
        var hold = run["phases"]?["hold"] is { } h && (int?)h["intervals"] > 0 ? h : null;
        double? Latency(string name, string field) => hold?[name] is { } held ? (double?)held[field] : (double?)latency[name]?[field];
        double? Rtt(string field) => Latency("rtt", field);
        double? connectSuccess = attempted > 0 ? 100 * established / attempted : null;
        double? errorRate = attempted + sent > 0 ? 100 * errors / (attempted + sent) : null;
        return
        [
            ("peak connections", "connections.peak", (double)connections["peak"]!, Count((long)connections["peak"]!)),
            ("connect success", "connect.success", connectSuccess, Show(connectSuccess, Percent)),
            ("throughput", "throughput", (double)messages["throughputPerSec"]!, Rate((double)messages["throughputPerSec"]!, "msg")),
            ("service time p50", "rtt.p50", Rtt("p50"), Show(Rtt("p50"), Ms)),
            ("service time p99", "rtt.p99", Rtt("p99"), Show(Rtt("p99"), Ms)),
            ("service time p99.9", "rtt.p999", Rtt("p999"), Show(Rtt("p999"), Ms)),
            ("response time p99.9", "response.p999", Latency("response", "p999"), Show(Latency("response", "p999"), Ms)),
            ("error rate", "errors.rate", errorRate, Show(errorRate, Percent)),
            ("availability", "availability", (double?)summary["availability"]?["overallPercent"], Show((double?)summary["availability"]?["overallPercent"], Percent)),
        ];
    }

    /// <summary>A figure the run has no data for is shown as "-", never as zero.</summary>
    private static string Show(double? value, Func<double, string> format) => value is { } v ? format(v) : "-";
}
