using System.Reflection;
using PdfSharp.Fonts;
using SkiaSharp;

namespace WsLoad.Reporting.Pdf;

/// <summary>
/// The fonts of the PDF report and its charts: DejaVu Sans and DejaVu Sans Bold, embedded in this assembly, so the
/// report looks the same on every machine whatever fonts it has. <see cref="EnsureRegistered"/> hands them to PDFsharp
/// (a process-wide font resolver) and to ScottPlot once; it is thread-safe and cheap after the first call.
/// </summary>
internal static class ReportFonts
{
    /// <summary>The family name the report asks for; unusual on purpose, so it never means a system font.</summary>
    public const string Family = "WsLoad DejaVu Sans";

    private const string Regular = "DejaVuSans.ttf";
    private const string Bold = "DejaVuSans-Bold.ttf";
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>The bytes of the regular or bold face.</summary>
    public static byte[] Face(bool bold) => bold ? BoldBytes.Value : RegularBytes.Value;

    private static Lazy<byte[]> RegularBytes { get; } = new(() => Load(Regular));

    private static Lazy<byte[]> BoldBytes { get; } = new(() => Load(Bold));

    /// <summary>
    /// Registers the fonts with PDFsharp and ScottPlot. PDFsharp allows one font resolver per process: when someone
    /// else's is already set, this throws rather than render the report with fonts it did not choose.
    /// </summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is { } other && other is not PdfFontResolver)
            {
                throw new InvalidOperationException($"PDFsharp already has a font resolver ({other.GetType().Name}); the PDF report needs its own embedded fonts.");
            }

            GlobalFontSettings.FontResolver = PdfFontResolver.Instance;
            ScottPlot.Fonts.FontResolvers.Insert(0, new ChartFontResolver());
            _registered = true;
        }
    }

    private static byte[] Load(string file)
    {
        var name = $"WsLoad.Reporting.Pdf.Fonts.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font {name} is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>PDFsharp's view of the two faces: any request for <see cref="Family"/> resolves to one of them.</summary>
    private sealed class PdfFontResolver : IFontResolver
    {
        public static readonly PdfFontResolver Instance = new();

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
                ? new FontResolverInfo(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic)
                : null;

        public byte[]? GetFont(string faceName) => faceName switch
        {
            Bold => Face(bold: true),
            Regular => Face(bold: false),
            _ => null,
        };
    }

    /// <summary>ScottPlot's view: a Skia typeface made from the same bytes (Skia keeps its own copy).</summary>
    private sealed class ChartFontResolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= ScottPlot.FontWeight.SemiBold, slant != ScottPlot.FontSlant.Upright);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase)
                ? SKTypeface.FromData(SKData.CreateCopy(Face(bold)))
                : null;
    }
}
