using WsLoad.Reporting.Model;
using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Pdf;

internal sealed partial class PdfReport
{
    /// <summary>The technical deep dive: thresholds, latency, connections, delivery, errors, generator health, resources.</summary>
    private void DeepDive()
    {
        var result = _model.Result;
        _pages.NewPage();
        _pages.Paragraph("Technical deep dive", PdfStyle.Title, PdfStyle.Ink, after: 4);
        Thresholds(result);
        Latency(result.Summary.LatencyMs);
        Connections(result);
        Delivery(result);
        Fanout(result);
        if (!Model.PushTables.Summary(result).IsEmpty)
        {
            _pages.Heading("Server push");
            Table(Model.PushTables.Summary(result));
            _pages.Paragraph(Model.PushTables.Note(result), PdfStyle.Small, PdfStyle.Muted, after: 6);
        }

        Errors(result);
        Events(result);
        if (_model.Analysis is { } analysis)
        {
            _pages.Heading("Failure patterns");
            Table(AnalysisTables.Patterns(analysis));
            _pages.Heading("Anomalies and trends");
            Table(AnalysisTables.AnomaliesAndTrends(analysis));
            _pages.Heading("Capacity");
            Table(AnalysisTables.Capacity(analysis));
        }
        GeneratorHealth(result);
        Resources(result);
        Workers(result);
        AllFindings();
    }

    private void Thresholds(RunResult result)
    {
        _pages.Heading("Thresholds");
        if (result.Thresholds.Count == 0)
        {
            _pages.Paragraph("No thresholds were set.", PdfStyle.Body, PdfStyle.Muted);
            return;
        }

        PdfTable.Draw(
            _pages,
            [new("expression", 2), new("measured", 1, Numeric: true), new("result", 2)],
            result.Thresholds.Select(t => (IReadOnlyList<TableCell>)
            [
                t.Expression,
                t.Value is { } v ? Number(v) : "-",
                t.Passed ? new TableCell("pass", PdfStyle.Green, Bold: true) : new TableCell("FAIL" + (t.Error is null ? "" : $" ({t.Error})"), PdfStyle.Red, Bold: true),
            ]));
    }

    private void Latency(LatencySummaries l)
    {
        _pages.Heading("Latency percentiles, whole run");
        _pages.Paragraph("rtt (service time) is timed from the actual send; response time from the intended send, corrected for coordinated omission. Connect phases: tcp connect, tls, upgrade (to the 101), first message; connect is tcp connect to the 101.", PdfStyle.Small, PdfStyle.Muted);
        (string Name, LatencySummary? Value)[] rows =
            [("rtt", l.Rtt), ("response", l.Response), ("connect", l.Connect), ("tcp connect", l.TcpConnect), ("tls", l.Tls), ("upgrade", l.Upgrade), ("first message", l.FirstMessage)];
        var measured = rows.Where(r => r.Value is { Count: > 0 }).ToList();
        if (measured.Count == 0)
        {
            _pages.Paragraph("No latency was measured.", PdfStyle.Body, PdfStyle.Muted);
            return;
        }

        PdfTable.Draw(
            _pages,
            [new("", 1.3), new("samples", 1, true), new("p50", 1, true), new("p90", 1, true), new("p95", 1, true), new("p99", 1, true), new("p99.9", 1, true), new("max", 1, true), new("mean", 1, true)],
            measured.Select(r => (IReadOnlyList<TableCell>)
                [r.Name, Count(r.Value!.Count), Ms(r.Value.P50), Ms(r.Value.P90), Ms(r.Value.P95), Ms(r.Value.P99), Ms(r.Value.P999), Ms(r.Value.Max), Ms(r.Value.Mean)]));
    }

    private void Connections(RunResult result)
    {
        var c = result.Summary.Connections;
        var counts = ConnectionCounts.Of(result.Summary);
        _pages.Heading("Connections");
        PdfTable.Draw(
            _pages,
            [
                new("attempted", 1, true), new("established", 1, true), new("failed", 1, true), new("reconnected", 1.1, true), new("dropped", 1, true),
                new("closed normally", 1.1, true), new("peak open", 1, true), new("connect rate", 1.2, true),
            ],
            [[
                Count(counts.Attempted), Count(counts.Established), Count(counts.Failed), result.Summary.Recovery is null ? "-" : counts.Reconnected,
                Count(c.Dropped), Count(c.ClosedNormally), Count(c.Peak), Rate(c.ConnectRatePerSec, "conn"),
            ]]);
        if (result.Summary.Availability is { } a)
        {
            PdfTable.Draw(
                _pages,
                [new("availability", 1, true), new("lowest", 1, true), new("median", 1, true), new("below 100%", 1, true), new("drops", 1, true), new("recoveries", 1, true), new("MTBF", 1, true), new("MTTR", 1, true)],
                [[Percent(a.OverallPercent), Percent(a.MinConnectionPercent), Percent(a.MedianConnectionPercent), Count(a.ConnectionsBelowFull), Count(a.Failures), Count(a.Recoveries),
                    a.MtbfSeconds is { } mtbf ? Seconds(mtbf) : "-", a.MttrSeconds is { } mttr ? Seconds(mttr) : "-"]]);
        }

        var ends = DeepDiveTables.ConnectionEnds(result);
        if (!ends.IsEmpty)
        {
            PdfTable.Draw(
                _pages,
                [.. ends.Headers.Select((h, i) => new TableColumn(i == 0 ? "connection ends" : h, i == 0 ? 3 : 1, Numeric: i > 0))],
                ends.Rows.Select(row => (IReadOnlyList<TableCell>)[.. row.Select(cell => (TableCell)cell)]));
        }

        Counts("upgrade responses (HTTP status)", result.HandshakeStatuses);
        Counts("close codes (ours and the server's)", result.CloseCodes);
    }

    private void Delivery(RunResult result)
    {
        var m = result.Summary.Messages;
        _pages.Heading("Message delivery and integrity");
        PdfTable.Draw(
            _pages,
            [
                new("sent", 1, true), new("received", 1, true), new("lost", 0.8, true), new("unanswered at close", 1.4, true), new("duplicated", 1.3, true),
                new("out of order", 1, true), new("corrupted", 1.2, true), new("late", 0.7, true), new("missed sends", 1, true),
            ],
            [[Count(m.Sent), Count(m.Received), Count(m.Lost), Count(m.UnansweredAtClose), Count(m.Duplicated), Count(m.OutOfOrder), Count(m.Corrupted), Count(m.Late), Count(m.MissedSends)]]);
        _pages.Paragraph(DeepDiveTables.UnansweredAtCloseNote, PdfStyle.Small, PdfStyle.Muted);
        PdfTable.Draw(
            _pages,
            [new("throughput (hold)", 1, true), new("bytes sent", 1, true), new("bytes received", 1, true)],
            [[Rate(m.ThroughputPerSec, "msg"), Bytes(m.BytesSent), Bytes(m.BytesReceived)]]);
        if (result.MessageTypes.Count > 0)
        {
            PdfTable.Draw(
                _pages,
                [new("message type", 1.5), new("sent", 1, true), new("received", 1, true), new("bytes", 1, true), new("rtt p50", 1, true), new("rtt p99", 1, true)],
                result.MessageTypes.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (IReadOnlyList<TableCell>)
                    [t.Key, Count(t.Value.Sent), Count(t.Value.Received), Bytes(t.Value.Bytes), t.Value.Rtt is { } r ? Ms(r.P50) : "-", t.Value.Rtt is { } r2 ? Ms(r2.P99) : "-"]));
        }
    }

    private void Counts(string header, IReadOnlyDictionary<string, long> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        PdfTable.Draw(
            _pages,
            [new(header, 3), new("count", 1, true)],
            counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (IReadOnlyList<TableCell>)[c.Key, Count(c.Value)]));
    }
}
