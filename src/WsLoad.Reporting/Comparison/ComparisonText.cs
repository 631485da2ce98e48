using System.Text;

namespace WsLoad.Reporting.Comparison;

/// <summary>The comparison as an aligned plain-text table and a verdict line, for the console and CI logs.</summary>
internal static class ComparisonText
{
    public static string Render(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var rows = new List<string[]> { ComparisonFormat.Headers };
        rows.AddRange(comparison.Figures.Select(ComparisonFormat.Cells));
        var widths = Enumerable.Range(0, ComparisonFormat.Headers.Length).Select(column => rows.Max(r => r[column].Length)).ToArray();

        var text = new StringBuilder();
        text.Append("base: ").AppendLine(comparison.Base.Label);
        text.Append("new:  ").AppendLine(comparison.New.Label);
        text.AppendLine();
        foreach (var row in rows)
        {
            // Names left-aligned, numbers right-aligned so their digits line up.
            var cells = row.Select((cell, column) => column is 0 or 5 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
        }

        text.AppendLine();
        foreach (var note in comparison.Notes)
        {
            text.Append("note: ").AppendLine(note);
        }

        text.Append("compare: ").AppendLine(ComparisonFormat.Summary(comparison));
        return text.ToString().ReplaceLineEndings("\n");
    }
}
