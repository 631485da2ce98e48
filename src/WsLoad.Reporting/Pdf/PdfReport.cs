using PdfSharp.Drawing;
using PdfSharp.Pdf;
using WsLoad.Reporting.Model;
using static WsLoad.Reporting.Model.ReportFormat;
using FindingSeverity = WsLoad.Analysis.Conclusions.FindingSeverity;

namespace WsLoad.Reporting.Pdf;

/// <summary>
/// Lays a <see cref="ReportModel"/> out on pages; one instance per document. Split by section: the executive summary
/// here, the charts, the deep dive and the scenario/environment in the other partial files.
/// </summary>
internal sealed partial class PdfReport
{
    private readonly ReportModel _model;
    private readonly PdfPages _pages;

    private PdfReport(ReportModel model, PdfPages pages)
    {
        _model = model;
        _pages = pages;
    }

    public static void Write(ReportModel model, PdfDocument document, CancellationToken cancellationToken)
    {
        using var pages = new PdfPages(document, $"WsLoad report — {model.Result.Scenario.Name} — {model.Verdict.Headline}");
        var report = new PdfReport(model, pages);
        report.Summary();
        report.Recommendations();
        cancellationToken.ThrowIfCancellationRequested();
        report.Charts(cancellationToken);
        report.DeepDive();
        report.ScenarioAndEnvironment();
    }

    /// <summary>Page one: what a manager reads. Title, verdict, key figures with targets, top findings.</summary>
    private void Summary()
    {
        var result = _model.Result;
        var g = _pages.Graphics;
        _pages.Paragraph(_model.Title, PdfStyle.Title, PdfStyle.Ink, after: 2);
        _pages.Paragraph($"WsLoad load test report — started {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, ran {Seconds(result.DurationSeconds)}, {result.Tool} {result.ToolVersion}", PdfStyle.Body, PdfStyle.Muted, after: 10);

        var verdict = _model.Verdict;
        var color = PdfStyle.VerdictColor(verdict.Kind);
        var bandHeight = PdfStyle.Verdict.GetHeight() + 16;
        g.DrawRectangle(new XSolidBrush(color), PdfPages.Left, _pages.Y, 8, bandHeight);
        g.DrawString(verdict.Headline, PdfStyle.Verdict, new XSolidBrush(color), new XRect(PdfPages.Left + 18, _pages.Y + 8, _pages.Width - 18, PdfStyle.Verdict.GetHeight()), XStringFormats.TopLeft);
        _pages.Y += bandHeight + 4;
        _pages.Paragraph(verdict.Explanation, PdfStyle.BodyBold, PdfStyle.Ink, after: 10);

        var steady = SteadyState.Table(result);
        _pages.Heading(steady.Headers.Count > 2 ? "Steady state (hold) and whole run" : "Whole run (no hold figures)");
        _pages.Paragraph(SteadyState.Note, PdfStyle.Small, PdfStyle.Muted);
        PdfTable.Draw(
            _pages,
            [.. steady.Headers.Select((h, i) => new TableColumn(h, i == 0 ? 2.2 : 1, Numeric: i > 0))],
            steady.Rows.Select(row => (IReadOnlyList<TableCell>)[.. row.Select(cell => (TableCell)cell)]));

        _pages.Heading("Key figures");
        _pages.Paragraph(KeyFigure.Note, PdfStyle.Small, PdfStyle.Muted);
        PdfTable.Draw(
            _pages,
            [new("figure", 1.3), new("value", 1.2, Numeric: true), new("target", 1.6), new("status", 0.8)],
            _model.KeyFigures.Select(f => (IReadOnlyList<TableCell>)[f.Name, f.Display, f.Target ?? "-", Status(f.Status)]));

        _pages.Heading("Top findings");
        foreach (var finding in _model.Findings.Take(ReportModel.TopFindings))
        {
            Finding(finding);
        }

        Checkpoints();
        if (_model.Analysis is { } analysis)
        {
            _pages.Heading("Production readiness");
            _pages.Paragraph($"{AnalysisTables.Decision(analysis.Verdict.Decision)} (confidence {Percent(100 * analysis.Verdict.Confidence)})", PdfStyle.BodyBold, PdfStyle.Ink, after: 2);
            foreach (var reason in analysis.Verdict.Reasons)
            {
                _pages.Paragraph("• " + AnalysisTables.Sentence(reason), PdfStyle.Body, PdfStyle.Ink, indent: 8, after: 1);
            }

            _pages.Y += 4;
            Table(AnalysisTables.Checklist(analysis));
            foreach (var risk in analysis.Verdict.Risks)
            {
                _pages.Paragraph("Risk: " + risk, PdfStyle.Body, PdfStyle.Muted, after: 2);
            }

            if (analysis.RootCauses.Count > 0)
            {
                _pages.Heading("Likely root causes");
                Table(AnalysisTables.RootCauses(analysis));
            }
        }
    }

    /// <summary>A text table of the report model, columns of equal weight but the last (the widest text).</summary>
    private void Table(ReportTable table)
    {
        if (table.IsEmpty)
        {
            return;
        }

        PdfTable.Draw(
            _pages,
            [.. table.Headers.Select((h, i) => new TableColumn(h, i == table.Headers.Count - 1 ? 2.5 : 1))],
            table.Rows.Select(row => (IReadOnlyList<TableCell>)[.. row.Select(cell => (TableCell)cell)]));
    }

    private void Recommendations()
    {
        _pages.Heading("Recommendations");
        var n = 1;
        foreach (var step in _model.Recommendations)
        {
            _pages.Need(3 * PdfStyle.Body.GetHeight());
            _pages.Paragraph($"{n++}. {step.Action}", PdfStyle.BodyBold, PdfStyle.Ink, after: 1);
            _pages.Paragraph($"Evidence: {step.Evidence}", PdfStyle.Body, PdfStyle.Muted, indent: 12, after: 6);
        }
    }

    private void Finding(Finding finding)
    {
        var marker = finding.Severity switch
        {
            FindingSeverity.Problem => "PROBLEM",
            FindingSeverity.Warning => "WARNING",
            _ => "OK",
        };
        _pages.Need(2 * PdfStyle.Body.GetHeight());
        _pages.Graphics.DrawString(marker, PdfStyle.CellBold, new XSolidBrush(PdfStyle.SeverityColor(finding.Severity)), new XRect(PdfPages.Left, _pages.Y + 1, 56, 12), XStringFormats.TopLeft);
        _pages.Paragraph(finding.Text, PdfStyle.Body, PdfStyle.Ink, indent: 58, after: 4);
    }

    private static TableCell Status(FigureStatus status) => status switch
    {
        FigureStatus.Met => new("met", PdfStyle.Green, Bold: true),
        FigureStatus.Missed => new("missed", PdfStyle.Red, Bold: true),
        _ => new("no target", PdfStyle.Grey),
    };
}
