using PdfSharp.Drawing;
using PdfSharp.Pdf;
using WsLoad.Reporting.Model;
using FindingSeverity = WsLoad.Analysis.Conclusions.FindingSeverity;

namespace WsLoad.Reporting.Pdf;

/// <summary>The report's fonts and colours, in one place. Fonts need <see cref="ReportFonts.EnsureRegistered"/> first.</summary>
internal static class PdfStyle
{
    public static readonly XColor Green = XColor.FromArgb(0x2E, 0x7D, 0x32);
    public static readonly XColor Red = XColor.FromArgb(0xC6, 0x28, 0x28);
    public static readonly XColor Amber = XColor.FromArgb(0xE6, 0x51, 0x00);
    public static readonly XColor Rule = XColor.FromArgb(0xB0, 0xB7, 0xC0);
    public static readonly XColor HeaderFill = XColor.FromArgb(0xEC, 0xEF, 0xF3);
    public static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(0x1A, 0x1A, 0x1A));
    public static readonly XColor Grey = XColor.FromArgb(0x5F, 0x66, 0x6D);
    public static readonly XBrush Muted = new XSolidBrush(Grey);

    public static XFont Title { get; } = Font(18, bold: true);

    public static XFont H2 { get; } = Font(13, bold: true);

    public static XFont Verdict { get; } = Font(30, bold: true);

    public static XFont Body { get; } = Font(9.5, bold: false);

    public static XFont BodyBold { get; } = Font(9.5, bold: true);

    public static XFont Cell { get; } = Font(8, bold: false);

    public static XFont CellBold { get; } = Font(8, bold: true);

    public static XFont Small { get; } = Font(7.5, bold: false);

    public static XColor VerdictColor(VerdictKind kind) => kind switch
    {
        VerdictKind.Passed or VerdictKind.Go => Green,
        VerdictKind.Failed or VerdictKind.NoGo => Red,
        _ => Amber,
    };

    public static XColor SeverityColor(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Problem => Red,
        FindingSeverity.Warning => Amber,
        _ => Green,
    };

    private static XFont Font(double size, bool bold)
    {
        ReportFonts.EnsureRegistered();
        // Unicode (Identity-H) so that every glyph the text uses (≥, ×, µ, —) is embedded and copies out as text.
        return new XFont(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }
}
