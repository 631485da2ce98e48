using WsLoad.Analysis;
using WsLoad.Reporting.Model;

namespace WsLoad.Cli;

/// <summary>The analysis as plain text for the console: the verdict first, then each table of the reports, aligned.</summary>
internal static class AnalysisText
{
    public static void Write(TextWriter output, RunAnalysis analysis)
    {
        var verdict = analysis.Verdict;
        output.WriteLine($"readiness: {AnalysisTables.Decision(verdict.Decision)} (confidence {ReportFormat.Percent(100 * verdict.Confidence)})");
        foreach (var reason in verdict.Reasons)
        {
            output.WriteLine($"  {reason}");
        }

        foreach (var risk in verdict.Risks)
        {
            output.WriteLine($"  risk: {risk}");
        }

        Section(output, "checklist", AnalysisTables.Checklist(analysis), "no check could be judged");
        Section(output, "likely root causes", AnalysisTables.RootCauses(analysis), "no failure to explain");
        Section(output, "failure patterns", AnalysisTables.Patterns(analysis), "none");
        Section(output, "anomalies and trends", AnalysisTables.AnomaliesAndTrends(analysis), "none in the hold");
        Section(output, "capacity", AnalysisTables.Capacity(analysis), "");
    }

    private static void Section(TextWriter output, string title, ReportTable table, string empty)
    {
        output.WriteLine();
        output.WriteLine(title + ":");
        if (table.IsEmpty)
        {
            output.WriteLine($"  {empty}");
            return;
        }

        var widths = table.Headers.Select((h, i) => Math.Min(60, Math.Max(h.Length, table.Rows.Max(r => i < r.Count ? r[i].Length : 0)))).ToArray();
        output.WriteLine("  " + string.Join("  ", table.Headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in table.Rows)
        {
            output.WriteLine("  " + string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}
