namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// The dashboard's one page: <c>dashboard.html</c> with its styles, uPlot (MIT, the HTML report's own copy) and its
/// script inlined, so it needs nothing but the run's own address: no CDN, no second request before the stream.
/// </summary>
internal static class DashboardPage
{
    private static readonly Lazy<string> Page = new(Build);

    public static string Html => Page.Value;

    private static string Build() => Read("dashboard.html")
        .Replace("{{UPLOT_CSS}}", Read("uPlot.min.css"), StringComparison.Ordinal)
        .Replace("{{DASHBOARD_CSS}}", Read("dashboard.css"), StringComparison.Ordinal)
        .Replace("{{UPLOT_LICENSE}}", Read("uPlot.LICENSE"), StringComparison.Ordinal)
        .Replace("{{DASHBOARD_JS}}", Read("dashboard.js"), StringComparison.Ordinal)
        .Replace("{{UPLOT_JS}}", Read("uPlot.iife.min.js"), StringComparison.Ordinal); // last: nothing is searched inside it

    private static string Read(string name)
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("WsLoad.Sinks.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"the dashboard's asset {name} is not embedded in {typeof(DashboardPage).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
