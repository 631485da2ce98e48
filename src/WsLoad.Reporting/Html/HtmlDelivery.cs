using WsLoad.Reporting.Model;
using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Html;

/// <summary>
/// Message delivery, order and integrity counts, overall and per message type (throughput is in the summary's table of
/// the hold and the whole run).
/// </summary>
internal static class HtmlDelivery
{
    public static void Write(HtmlWriter html, RunResult result)
    {
        var m = result.Summary.Messages;
        html.Element("h3", "Message delivery, order and integrity")
            .Table(["sent", "received", "lost", "unanswered at close", "duplicated", "out of order", "corrupted", "late", "missed sends", "bytes sent", "bytes received"],
                [[
                    Count(m.Sent), Count(m.Received), Bad(m.Lost), Count(m.UnansweredAtClose), Bad(m.Duplicated), Bad(m.OutOfOrder), Bad(m.Corrupted), Bad(m.Late),
                    Bad(m.MissedSends), Bytes(m.BytesSent), Bytes(m.BytesReceived),
                ]],
                numericFrom: 0)
            .Element("p", DeepDiveTables.UnansweredAtCloseNote, "note");
        if (result.MessageTypes.Count > 1)
        {
            html.Element("h4", "By message type")
                .Table(["type", "sent", "received", "bytes", "rtt p50 (ms)", "rtt p99 (ms)"],
                    result.MessageTypes.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new HtmlCell[]
                    {
                        t.Key, Count(t.Value.Sent), Count(t.Value.Received), Bytes(t.Value.Bytes),
                        t.Value.Rtt is { } rtt ? Number(rtt.P50) : "—", t.Value.Rtt is { } r ? Number(r.P99) : "—",
                    }),
                    numericFrom: 1);
        }
    }

    /// <summary>A push run's stream: gaps, time between arrivals, one-way latency and its clock basis.</summary>
    public static void WritePush(HtmlWriter html, RunResult result)
    {
        var push = PushTables.Summary(result);
        if (push.IsEmpty)
        {
            return;
        }

        html.Element("h3", "Server push")
            .Table(push.Headers, push.Rows.Select(row => row.Select((cell, i) => i == 1 && result.Summary.Push!.Gaps > 0 ? new HtmlCell(cell, "missed") : (HtmlCell)cell).ToArray()), numericFrom: 0)
            .Element("p", PushTables.Note(result), "note");
    }

    /// <summary>A broadcast's fan-out: each message against the subscribers it was due to, and the channels.</summary>
    public static void WriteFanout(HtmlWriter html, RunResult result)
    {
        if (result.Summary.Fanout is null)
        {
            return;
        }

        var summary = FanoutTables.Summary(result);
        var missing = result.Summary.Fanout.Missing;
        html.Element("h3", "Broadcast fan-out")
            .Table(summary.Headers, summary.Rows.Select(row => row.Select((cell, i) => i == 3 && missing > 0 ? new HtmlCell(cell, "missed") : (HtmlCell)cell).ToArray()), numericFrom: 0)
            .Element("p", FanoutTables.Note, "note");
        var channels = FanoutTables.Channels(result);
        html.Element("h4", "Channels")
            .Table(channels.Headers, channels.Rows.Select(row => row.Select(cell => (HtmlCell)cell).ToArray()), numericFrom: 1);
    }

    /// <summary>A count that is a problem when it is not zero.</summary>
    private static HtmlCell Bad(long count) => new(Count(count), count > 0 ? "missed" : null);
}
