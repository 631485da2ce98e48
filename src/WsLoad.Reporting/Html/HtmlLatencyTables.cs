using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Html;

/// <summary>The latency percentile tables: message latency (service and response time) and the connect phases, in ms.</summary>
internal static class HtmlLatencyTables
{
    private static readonly string[] Headers = ["", "samples", "p50", "p90", "p95", "p99", "p99.9", "max", "mean"];

    public static void Write(HtmlWriter html, LatencySummaries latency)
    {
        html.Element("h3", "Message latency, whole run (ms)")
            .Element("p", "Service time is timed from the actual send; response time from the planned send, so it also counts the time a message waited to go out (corrected for coordinated omission).", "note")
            .Table(Headers, Rows([("service time (rtt)", latency.Rtt), ("response time", latency.Response)]), numericFrom: 1, empty: "No message was timed.")
            .Element("h3", "Connect phases, whole run (ms)")
            .Table(Headers, Rows(
                [
                    ("connect (TCP start to 101)", latency.Connect),
                    ("TCP connect", latency.TcpConnect),
                    ("TLS handshake", latency.Tls),
                    ("upgrade (request to 101)", latency.Upgrade),
                    ("first message (101 to first message)", latency.FirstMessage),
                ]), numericFrom: 1, empty: "No connection was timed.");
    }

    private static IEnumerable<HtmlCell[]> Rows(IEnumerable<(string Name, LatencySummary? Value)> rows) =>
        rows.Where(r => r.Value is { Count: > 0 }).Select(r =>
        {
            var l = r.Value!;
            return new HtmlCell[] { r.Name, Count(l.Count), Number(l.P50), Number(l.P90), Number(l.P95), Number(l.P99), Number(l.P999), Number(l.Max), Number(l.Mean) };
        });
}
