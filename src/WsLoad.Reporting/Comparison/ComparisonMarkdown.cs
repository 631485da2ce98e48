using System.Globalization;
using System.Text;

namespace WsLoad.Reporting.Comparison;

/// <summary><c>compare.md</c>: the verdict, a GitHub table of the figures with their 95% intervals, and how noise was judged.</summary>
internal static class ComparisonMarkdown
{
    public const string FileName = "compare.md";

    public static string Render(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# wsload compare: {(comparison.HasRegression ? "REGRESSION" : "no regression")}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- base: `{comparison.Base.Label}` ({Describe(comparison.Base)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- new: `{comparison.New.Label}` ({Describe(comparison.New)})").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{ComparisonFormat.Summary(comparison)}**").AppendLine();

        string[] headers = [.. ComparisonFormat.Headers, "base 95% interval", "new 95% interval"];
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Join("|", headers.Select((_, i) => i == 0 || i == 5 ? "---" : "---:")) + "|");
        foreach (var figure in comparison.Figures)
        {
            var cells = ComparisonFormat.Cells(figure);
            cells[5] = figure.Verdict == ChangeVerdict.Regression ? $"**{cells[5]}**" : cells[5];
            string[] row = [.. cells, ComparisonFormat.Interval(figure.BaseInterval, figure.Unit), ComparisonFormat.Interval(figure.NewInterval, figure.Unit)];
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        text.AppendLine();
        foreach (var note in comparison.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"> {note}").AppendLine();
        }

        text.AppendLine($"A change is flagged when it exceeds {ComparisonFormat.Percent(comparison.Threshold)} and the two runs' 95% intervals do not overlap. "
            + "Latency intervals are the order statistics around the percentile's rank in each run's histogram; proportions use Wilson intervals, the connect rate a Poisson interval. "
            + "The hold (the steady state) leads: run.json keeps its percentiles, not its histogram, so its rtt intervals are read from those percentiles and widened to the range of its per-second values; the whole run also counts the ramps and the close. "
            + "Figures without an interval are judged by the threshold alone.");
        return text.ToString().ReplaceLineEndings("\n");
    }

    internal static string Describe(ComparedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var result = run.Result;
        return string.Create(CultureInfo.InvariantCulture, $"{result.Scenario.Name}, {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {result.DurationSeconds:0.0} s, {result.Status.ToString().ToLowerInvariant()}");
    }
}
