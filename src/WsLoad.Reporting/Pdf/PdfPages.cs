using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace WsLoad.Reporting.Pdf;

/// <summary>
/// Writes a flow of blocks down A4 portrait pages: a cursor (<see cref="Y"/>) that moves down, and a new page when a
/// block does not fit. Each page has a footer with the report's title and the page number. Not thread-safe: one
/// document, one writer.
/// </summary>
internal sealed class PdfPages : IDisposable
{
    public const double Margin = 48;

    private const double FooterHeight = 20;

    private readonly PdfDocument _document;
    private readonly string _footer;
    private XGraphics? _graphics;

    public PdfPages(PdfDocument document, string footer)
    {
        _document = document;
        _footer = footer;
        NewPage();
    }

    public XGraphics Graphics => _graphics!;

    public double Y { get; set; }

    public static double Left => Margin;

    public double Width { get; private set; }

    public double Bottom { get; private set; }

    /// <summary>Space left on this page below the cursor.</summary>
    public double Room => Bottom - Y;

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        _graphics = XGraphics.FromPdfPage(page);
        Width = page.Width.Point - (2 * Margin);
        Bottom = page.Height.Point - Margin - FooterHeight;
        Y = Margin;
        var footerY = page.Height.Point - Margin;
        _graphics.DrawLine(new XPen(PdfStyle.Rule, 0.5), Left, footerY - 6, Left + Width, footerY - 6);
        _graphics.DrawString(_footer, PdfStyle.Small, PdfStyle.Muted, new XRect(Left, footerY, Width, 12), XStringFormats.TopLeft);
        _graphics.DrawString($"page {_document.PageCount}", PdfStyle.Small, PdfStyle.Muted, new XRect(Left, footerY, Width, 12), XStringFormats.TopRight);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points fit below the cursor.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom && Y > Margin)
        {
            NewPage();
        }
    }

    public void Gap(double points) => Y = Math.Min(Y + points, Bottom);

    /// <summary>A section heading, kept on the page with at least <paramref name="keepWith"/> points of what follows.</summary>
    public void Heading(string text, double keepWith = 60)
    {
        Need(PdfStyle.H2.GetHeight() + 10 + keepWith);
        Gap(Y > Margin ? 10 : 0);
        Graphics.DrawString(text, PdfStyle.H2, PdfStyle.Ink, new XRect(Left, Y, Width, PdfStyle.H2.GetHeight()), XStringFormats.TopLeft);
        Y += PdfStyle.H2.GetHeight() + 2;
        Graphics.DrawLine(new XPen(PdfStyle.Rule, 0.75), Left, Y, Left + Width, Y);
        Y += 6;
    }

    /// <summary>Wrapped text; breaks pages between lines.</summary>
    public void Paragraph(string text, XFont font, XBrush brush, double indent = 0, double after = 4)
    {
        var lineHeight = font.GetHeight() * 1.15;
        foreach (var line in TextWrap.Lines(Graphics, text, font, Width - indent))
        {
            Need(lineHeight);
            Graphics.DrawString(line, font, brush, new XRect(Left + indent, Y, Width - indent, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }

        Y += after;
    }

    /// <summary>An image scaled to the text width, kept whole on one page.</summary>
    public void Image(byte[] png, double aspect)
    {
        var height = Width / aspect;
        Need(height);
        using var stream = new MemoryStream(png, writable: false);
        using var image = XImage.FromStream(stream);
        Graphics.DrawImage(image, Left, Y, Width, height);
        Y += height + 6;
    }

    public void Dispose() => _graphics?.Dispose();
}
