using PdfSharp.Pdf;
using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Reporting.Pdf;

/// <summary>
/// The run as an A4 PDF: the executive summary on page one (verdict, key figures against their targets, top findings),
/// then recommendations, charts (ScottPlot images), the technical deep dive, the scenario as run and the environment.
/// Fonts are embedded; numbers are in the invariant culture; the text holds no time but the run's own.
/// </summary>
public sealed class PdfReporter : IReporter
{
    public string Format => "pdf";

    public string FileName => "report.pdf";

    public async Task WriteAsync(RunResult result, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ReportFonts.EnsureRegistered();
        var model = ReportModel.Of(result);
        using var buffer = new MemoryStream();
        using (var document = new PdfDocument())
        {
            document.Info.Title = $"WsLoad report: {model.Title}";
            document.Info.Subject = model.Verdict.Headline;
            document.Info.Creator = $"{result.Tool} {result.ToolVersion}".Trim();

            // The run's start, not the time of writing, so a report written again from run.json says the same.
            document.Info.CreationDate = result.StartedAt.UtcDateTime;
            document.Info.ModificationDate = result.StartedAt.UtcDateTime;
            PdfReport.Write(model, document, cancellationToken);
            document.Save(buffer, closeStream: false);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }
}
