using Spectre.Console;
using Spectre.Console.Rendering;
using WsLoad.Results;

namespace WsLoad.Cli.Console;

internal static partial class SummaryRenderer
{
    /// <summary>A push run's stream: gaps, time between arrivals and the one-way latency.</summary>
    private static IEnumerable<IRenderable> PushTable(RunResult result)
    {
        if (result.Summary.Push is not { } p)
        {
            yield break;
        }

        string Latency(LatencySummary? l) => l is null ? "-" : $"{Numbers.Ms(l.P50)} / {Numbers.Ms(l.P99)} / {Numbers.Ms(l.P999)} ms";
        yield return Section("Server push",
        [
            ("received", Numbers.Count(p.Received)),
            ("gaps", Numbers.Count(p.Gaps) + " (numbers never received)"),
            ("delivered", p.DeliveredPercent is { } d ? Numbers.Decimal(Math.Round(d, 3)) + "%" : "-"),
            ("between arrivals", Latency(p.InterArrivalMs) + " (p50 / p99 / p99.9)"),
            ("one way", p.LatencyMs is null ? "- (name messages.push.timestampField)" : Latency(p.LatencyMs) + " (server's wall clock to this machine's)"),
        ]);
    }

    /// <summary>A broadcast's fan-out, and the channels that missed most (the reports list more).</summary>
    private static IEnumerable<IRenderable> FanoutTables(RunResult result)
    {
        if (result.Summary.Fanout is not { } f)
        {
            yield break;
        }

        string Percent(double? value) => value is { } v ? Numbers.Decimal(Math.Round(v, 3)) + "%" : "-";
        string Latency(LatencySummary? l) => l is null ? "-" : $"{Numbers.Ms(l.P50)} / {Numbers.Ms(l.P99)} / {Numbers.Ms(l.P999)} ms";
        var table = Section("Broadcast fan-out",
        [
            ("published", Numbers.Count(f.Published)),
            ("deliveries due", Numbers.Count(f.Due) + " (subscribers of the channel when published)"),
            ("delivered", Numbers.Count(f.Delivered)),
            ("missing", Numbers.Count(f.Missing)),
            ("reach", $"{Percent(f.ReachPercent)}; lowest of one message {Percent(f.MinMessageReachPercent)}; {Numbers.Count(f.MessagesAtFullReach)} of {Numbers.Count(f.MessagesDue)} messages reached all"),
            ("publish to arrival", Latency(f.LatencyMs) + " (p50 / p99 / p99.9)"),
            ("to the last subscriber", Latency(f.CompleteMs)),
            ("not due", Numbers.Count(f.Unexpected) + " (published before a subscriber counted as subscribed, or after its end)"),
            .. f.Unresolved > 0 ? [("unresolved", Numbers.Count(f.Unresolved) + " (published within the timeout of the run's end)")] : Array.Empty<(string, string)>(),
            .. f.Excess > 0 ? [("excess", $"{Numbers.Count(f.Excess)} (deliveries beyond those due: the server sent to more than the channel)")] : Array.Empty<(string, string)>(),
        ]);
        yield return table;

        var channels = Reporting.Model.FanoutTables.Channels(result, most: 5);
        var byChannel = new Table
        {
            Title = new TableTitle(channels.Rows.Count < f.Channels.Count ? $"Channels: {f.Channels.Count}, the 5 that missed most" : "Channels"),
            Border = TableBorder.Rounded,
        };
        string[] headers = ["channel", "subs", "pubs", "published", "due", "delivered", "missing", "reach"];
        foreach (var (header, i) in headers.Select((h, i) => (h, i)))
        {
            byChannel.AddColumn(i == 0 ? new TableColumn(header) : new TableColumn(header).RightAligned());
        }

        foreach (var row in channels.Rows)
        {
            byChannel.AddRow([.. row.Select(Markup.Escape)]);
        }

        yield return byChannel;
    }
}
