namespace WsLoad.Reporting.Pdf;

internal sealed partial class PdfReport
{
    /// <summary>Every chart of the model, as an image under its title; a line of text instead where a chart has no data.</summary>
    private void Charts(CancellationToken cancellationToken)
    {
        _pages.NewPage();
        _pages.Heading("Charts", keepWith: ImageHeight + 20);
        foreach (var chart in _model.Charts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _pages.Need(PdfStyle.BodyBold.GetHeight() + 4 + (chart.HasData ? ImageHeight : 0));
            _pages.Paragraph(chart.Title, PdfStyle.BodyBold, PdfStyle.Ink, after: 2);
            if (!chart.HasData)
            {
                _pages.Paragraph("No data for this chart in the run.", PdfStyle.Body, PdfStyle.Muted, after: 8);
                continue;
            }

            _pages.Image(ChartImage.Png(chart), (double)ChartImage.Width / ChartImage.Height);
            if (chart.Lines.Count > 0)
            {
                _pages.Paragraph($"Dashed lines: {string.Join("; ", chart.Lines.Select(l => l.Label))}.", PdfStyle.Small, PdfStyle.Muted, after: 6);
            }
        }
    }

    private double ImageHeight => _pages.Width * ChartImage.Height / ChartImage.Width;
}
