using WsLoad.Reporting.Model;

namespace WsLoad.Reporting.Pdf;

internal sealed partial class PdfReport
{
    /// <summary>The checkpoints (only when the scenario had any), and the capacity answer of a pause-ramp checkpoint.</summary>
    private void Checkpoints()
    {
        var table = CheckpointTables.Table(_model.Result);
        if (table.IsEmpty)
        {
            return;
        }

        _pages.Heading("Checkpoints");
        PdfTable.Draw(
            _pages,
            [
                new("checkpoint", 1.1), new("condition", 1.9), new("action", 1.1), new("fired", 0.5, true), new("first at", 0.6, true),
                new("held s", 0.7, true), new("worst", 0.7, true),
            ],
            table.Rows.Select(row => (IReadOnlyList<TableCell>)
            [
                .. row.Select((cell, i) => i == 2 && cell.EndsWith(CheckpointTables.StoppedTheRun, StringComparison.Ordinal)
                    ? new TableCell(cell, PdfStyle.Red, Bold: true)
                    : (TableCell)cell),
            ]));
        if (CheckpointTables.HealthyLevel(_model.Result) is { } healthy)
        {
            _pages.Paragraph(AnalysisTables.Sentence(healthy), PdfStyle.BodyBold, PdfStyle.Ink, after: 1);
            _pages.Paragraph($"{CheckpointTables.HealthyLevelNote} {CheckpointTables.HealthyLevelCaveat(_model.Result)}".TrimEnd(), PdfStyle.Small, PdfStyle.Muted, after: 6);
        }
    }
}
