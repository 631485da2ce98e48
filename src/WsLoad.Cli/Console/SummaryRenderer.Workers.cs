using System.Globalization;
using Spectre.Console;
using WsLoad.Results;

namespace WsLoad.Cli.Console;

internal static partial class SummaryRenderer
{
    /// <summary>
    /// A run in several processes: each worker's share and what it did, so one that fell short (lost, saturated, fewer
    /// connections than planned) stands out from the merged figures above.
    /// </summary>
    private static Table WorkerTable(IReadOnlyList<WorkerSummary> workers)
    {
        var table = new Table { Title = new TableTitle("Workers"), Border = TableBorder.Rounded };
        table.AddColumn("worker");
        table.AddColumn(new TableColumn("connected").RightAligned());
        table.AddColumn(new TableColumn("sent").RightAligned());
        table.AddColumn(new TableColumn("received").RightAligned());
        table.AddColumn(new TableColumn("CPU").RightAligned());
        table.AddColumn(new TableColumn("RSS").RightAligned());
        table.AddColumn("status");
        foreach (var w in workers)
        {
            var status = w.SaturatedIntervals > 0 ? $"{w.Status}, {Numbers.Count(w.SaturatedIntervals)} s saturated" : w.Status;
            table.AddRow(
                Markup.Escape(w.Name),
                $"{Numbers.Count(w.Established)}/{Numbers.Count(w.PlannedConnections)}",
                Numbers.Count(w.Sent),
                Numbers.Count(w.Received),
                w.MaxCpuPercent.ToString("0", CultureInfo.InvariantCulture) + "%",
                (w.MaxRssBytes / (1024.0 * 1024)).ToString("0", CultureInfo.InvariantCulture) + " MB",
                w.Status == "completed" && w.SaturatedIntervals == 0 ? status : $"[yellow]{Markup.Escape(status)}[/]");
        }

        table.Caption = new TableTitle("connected: established/planned (a share of the plan each); CPU, RSS: the worker's peaks");
        return table;
    }
}
