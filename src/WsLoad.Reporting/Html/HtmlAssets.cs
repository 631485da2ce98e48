namespace WsLoad.Reporting.Html;

/// <summary>The scripts and styles inlined into every HTML report, read once from the assembly's embedded resources.</summary>
internal static class HtmlAssets
{
    private static readonly Lazy<string> UPlotJsText = new(() => Read("uPlot.iife.min.js"));
    private static readonly Lazy<string> UPlotCssText = new(() => Read("uPlot.min.css"));
    private static readonly Lazy<string> UPlotLicenseText = new(() => Read("uPlot.LICENSE"));
    private static readonly Lazy<string> ReportJsText = new(() => Read("report.js"));
    private static readonly Lazy<string> ReportCssText = new(() => Read("report.css"));

    /// <summary>uPlot (MIT), see Html/Assets/README.md for the version.</summary>
    public static string UPlotJs => UPlotJsText.Value;

    public static string UPlotCss => UPlotCssText.Value;

    public static string UPlotLicense => UPlotLicenseText.Value;

    /// <summary>Turns the inlined chart specs into uPlot charts.</summary>
    public static string ReportJs => ReportJsText.Value;

    public static string ReportCss => ReportCssText.Value;

    private static string Read(string name)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream("WsLoad.Reporting.Html.Assets." + name)
            ?? throw new InvalidOperationException($"the HTML report's asset {name} is not embedded in {typeof(HtmlAssets).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
