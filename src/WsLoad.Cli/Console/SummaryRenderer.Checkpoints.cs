using Spectre.Console;
using Spectre.Console.Rendering;
using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Cli.Console;

internal static partial class SummaryRenderer
{
    /// <summary>
    /// The checkpoints as the run recorded them, the one that aborted the run in red, and the capacity answer of a
    /// pause-ramp checkpoint under them; nothing when the scenario had no checkpoints.
    /// </summary>
    private static IEnumerable<IRenderable> CheckpointParts(RunResult result)
    {
        var rows = CheckpointTables.Table(result);
        if (rows.IsEmpty)
        {
            yield break;
        }

        // The name over its condition in one column, and the abort said under the table, so it fits 80 columns.
        var stoppedBy = CheckpointTables.StoppedBy(result);
        var table = new Table { Title = new TableTitle("Checkpoints"), Border = TableBorder.Rounded };
        table.AddColumn("checkpoint");
        for (var i = 2; i < rows.Headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(rows.Headers[i]));
            table.AddColumn(i >= 3 ? column.RightAligned() : column);
        }

        foreach (var (row, checkpoint) in rows.Rows.Zip(result.Checkpoints!.Items))
        {
            var name = checkpoint.Name == checkpoint.When ? Markup.Escape(checkpoint.When) : $"{Markup.Escape(checkpoint.Name)}\n[dim]{Markup.Escape(checkpoint.When)}[/]";
            var action = ReferenceEquals(checkpoint, stoppedBy) ? $"[red]{Markup.Escape(checkpoint.Action)}[/]" : Markup.Escape(checkpoint.Action);
            table.AddRow([name, action, .. row.Skip(3).Select(Markup.Escape)]);
        }

        yield return table;
        if (stoppedBy is not null)
        {
            yield return new Markup($"[red]checkpoint '{Markup.Escape(stoppedBy.Name)}' stopped the run[/]"
                + (stoppedBy.FirstFiredSeconds is { } at ? $" at {Numbers.Seconds(at)}" : ""));
        }

        if (CheckpointTables.HealthyLevel(result) is { } healthy)
        {
            yield return new Markup($"[bold]{Markup.Escape(healthy)}[/]"
                + (CheckpointTables.HealthyLevelCaveat(result) is { } caveat ? " " + Markup.Escape(caveat) : ""));
        }
    }
}
