using System.Globalization;
using System.Net;
using System.Text;

namespace WsLoad.Reporting.Comparison;

/// <summary><c>compare.html</c>: one self-contained page (inline CSS, no scripts, nothing fetched) with the comparison table.</summary>
internal static class ComparisonHtml
{
    public const string FileName = "compare.html";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
        h1 { font-size: 1.4rem; } .verdict { font-weight: 600; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: .3rem .7rem; border-bottom: 1px solid #ddd; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child, td.v { text-align: left; }
        tr.regression { background: #fde2e1; } tr.improvement { background: #e3f6e5; }
        tr.regression td.v { color: #b00020; font-weight: 600; } tr.improvement td.v { color: #1b7a2c; }
        .iv { color: #777; font-size: .85em; } .note { color: #8a5a00; } .how { color: #555; max-width: 60rem; }
        """;

    public static string Render(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var title = $"wsload compare: {(comparison.HasRegression ? "REGRESSION" : "no regression")}";
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine(CultureInfo.InvariantCulture, $"<title>{E(title)}</title><style>{Style}</style></head><body>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p>base: <code>{E(comparison.Base.Label)}</code> ({E(ComparisonMarkdown.Describe(comparison.Base))})<br>");
        html.AppendLine(CultureInfo.InvariantCulture, $"new: <code>{E(comparison.New.Label)}</code> ({E(ComparisonMarkdown.Describe(comparison.New))})</p>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"verdict\">{E(ComparisonFormat.Summary(comparison))}</p>");
        html.AppendLine("<table><thead><tr>" + string.Concat(ComparisonFormat.Headers.Select(h => $"<th>{E(h)}</th>")) + "</tr></thead><tbody>");
        foreach (var figure in comparison.Figures)
        {
            var cells = ComparisonFormat.Cells(figure);
            var rowClass = figure.Verdict switch { ChangeVerdict.Regression => "regression", ChangeVerdict.Improvement => "improvement", _ => "same" };
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{rowClass}\"><td>{E(cells[0])}</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(cells[1])}<br><span class=\"iv\">{E(ComparisonFormat.Interval(figure.BaseInterval, figure.Unit))}</span></td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{E(cells[2])}<br><span class=\"iv\">{E(ComparisonFormat.Interval(figure.NewInterval, figure.Unit))}</span></td>");
            html.AppendLine(CultureInfo.InvariantCulture, $"<td>{E(cells[3])}</td><td>{E(cells[4])}</td><td class=\"v\">{E(cells[5])}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
        foreach (var note in comparison.Notes)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<p class=\"note\">{E(note)}</p>");
        }

        html.AppendLine($"<p class=\"how\">Grey ranges are 95% intervals from each run's sample counts. A change is flagged when it exceeds {E(ComparisonFormat.Percent(comparison.Threshold))} "
            + "and the two intervals do not overlap; figures without an interval are judged by the threshold alone. The hold (the steady state) leads: its rtt "
            + "intervals are read from its stored percentiles (run.json keeps them, not its histogram) and widened to the range of its per-second values; the whole run also counts the ramps and the close.</p>");
        html.AppendLine("</body></html>");
        return html.ToString().ReplaceLineEndings("\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
