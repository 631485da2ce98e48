using WsLoad.Reporting.Model;
using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Html;

/// <summary>The technical deep dive: thresholds, connections and their phases, latency, delivery, errors, the generator's health and resources.</summary>
internal static class HtmlDeepDive
{
    public static void Write(HtmlWriter html, ReportModel model)
    {
        var result = model.Result;
        html.Section("deep-dive", "Technical deep dive");
        Thresholds(html, result);
        if (model.Findings.Count > ReportModel.TopFindings)
        {
            html.Element("h3", "Further findings")
                .Raw("<ul class=\"findings\">\n").Each(model.Findings.Skip(ReportModel.TopFindings), HtmlSummary.Finding).Raw("</ul>\n");
        }

        Connections(html, result);
        HtmlLatencyTables.Write(html, result.Summary.LatencyMs);
        HtmlDelivery.Write(html, result);
        HtmlDelivery.WriteFanout(html, result);
        HtmlDelivery.WritePush(html, result);
        Errors(html, result);
        Events(html, result);
        if (model.Analysis is { } analysis)
        {
            html.Element("h3", "Failure patterns");
            HtmlSummary.Table(html, AnalysisTables.Patterns(analysis), "No failure pattern.");
            html.Element("h3", "Anomalies and trends");
            HtmlSummary.Table(html, AnalysisTables.AnomaliesAndTrends(analysis), "No anomaly and no significant trend in the hold.");
            html.Element("h3", "Capacity");
            HtmlSummary.Table(html, AnalysisTables.Capacity(analysis), "");
        }
        HtmlResources.Write(html, model);
        html.EndSection();
    }

    private static void Thresholds(HtmlWriter html, RunResult result) =>
        html.Element("h3", "Thresholds")
            .Table(["threshold", "measured", "result"],
                result.Thresholds.Select(t => new HtmlCell[]
                {
                    t.Expression,
                    new(t.Value is { } v ? Number(v) : "—", "num"),
                    t.Passed ? new("passed", "met") : new("FAILED" + (t.Error is null ? "" : $" ({t.Error})"), "missed"),
                }),
                empty: "No thresholds were set.");

    private static void Connections(HtmlWriter html, RunResult result)
    {
        var c = result.Summary.Connections;
        var counts = ConnectionCounts.Of(result.Summary);
        html.Element("h3", "Connections")
            .Table(["attempted", "established", "failed", "reconnected", "dropped", "closed normally", "peak open", "connect rate"],
                [[
                    Count(counts.Attempted), Count(counts.Established), Count(counts.Failed), result.Summary.Recovery is null ? "—" : counts.Reconnected,
                    Count(c.Dropped), Count(c.ClosedNormally), Count(c.Peak), Rate(c.ConnectRatePerSec, "connection"),
                ]],
                numericFrom: 0);
        if (result.Summary.Availability is { } a)
        {
            html.Element("h4", "Availability")
                .Table(["overall", "lowest connection", "median connection", "connections below 100%", "failures", "recoveries", "MTBF", "MTTR"],
                    [[Percent(a.OverallPercent), Percent(a.MinConnectionPercent), Percent(a.MedianConnectionPercent), Count(a.ConnectionsBelowFull), Count(a.Failures), Count(a.Recoveries),
                        a.MtbfSeconds is { } mtbf ? Seconds(mtbf) : "—", a.MttrSeconds is { } mttr ? Seconds(mttr) : "—"]],
                    numericFrom: 0);
        }

        var ends = DeepDiveTables.ConnectionEnds(result);
        html.Element("h4", "Connection ends")
            .Table([.. ends.Headers], ends.Rows.Select(row => row.Select(cell => new HtmlCell(cell)).ToArray()), numericFrom: 1, empty: "No connection ended while measured.");
        html.Element("h4", "Upgrade responses (HTTP status)")
            .Table(["status", "count"], Counted(result.HandshakeStatuses), numericFrom: 1, empty: "No upgrade response was received.")
            .Element("h4", "Close codes")
            .Table(["code", "count"], Counted(result.CloseCodes), numericFrom: 1, empty: "No connection closed with a code.");
    }

    private static void Errors(HtmlWriter html, RunResult result)
    {
        html.Element("h3", "Errors by class")
            .Table(["class", "count", "first at", "connection", "first example"],
                result.ErrorsByClass.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e =>
                {
                    var first = result.FailureEvents.FirstOrDefault(f => f.Class == e.Key);
                    return new HtmlCell[]
                    {
                        new(e.Key, "code"),
                        new(Count(e.Value), "num"),
                        new(first is null ? "—" : Seconds(first.AtSeconds), "num"),
                        new(first is null ? "—" : Count(first.ConnectionId), "num"),
                        first?.Message ?? "(not kept in detail)",
                    };
                }),
                empty: "No errors.");
        if (result.FailureEventsDropped > 0)
        {
            html.Element("p", $"{Count(result.FailureEvents.Count)} failures are kept in detail; {Count(result.FailureEventsDropped)} more were counted only.", "note");
        }
    }

    /// <summary>Faults injected and recoveries observed, by time (shown only when the run has any).</summary>
    private static void Events(HtmlWriter html, RunResult result)
    {
        var events = DeepDiveTables.Events(result);
        if (events.IsEmpty)
        {
            return;
        }

        html.Element("h3", "Events on the timeline")
            .Table([.. events.Headers], events.Rows.Select(row => row.Select((cell, i) => i is 0 or 4 or 5 ? new HtmlCell(cell, "num") : new HtmlCell(cell)).ToArray()), empty: "");
    }

    private static IEnumerable<HtmlCell[]> Counted(IReadOnlyDictionary<string, long> counts) =>
        counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new HtmlCell[] { c.Key, Count(c.Value) });
}
