using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WsLoad.Reporting.Model;

namespace WsLoad.Reporting.Html;

/// <summary>
/// The chart specs as the JSON the page's script reads: the same data as <see cref="ChartSpec"/>, with values JSON
/// cannot hold (NaN, infinities) left out as gaps, and escaped so it can sit inside a &lt;script&gt; element.
/// </summary>
internal static class HtmlChartData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // The default encoder escapes <, >, & and quotes as \uXXXX, so no text in the data can close the <script>.
        Encoder = JavaScriptEncoder.Default,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Json(IReadOnlyList<ChartSpec> charts) =>
        JsonSerializer.Serialize(charts.Select(Chart).ToList(), Options);

    private static ChartJson Chart(ChartSpec spec) => new(
        spec.Id,
        spec.Title,
        spec.XAxis,
        spec.XLabel,
        spec.YLabel,
        [.. spec.Series.Select(Series)],
        [.. spec.Lines.Where(l => double.IsFinite(l.Y)).Select(l => new LineJson(l.Label, l.Y))],
        [.. spec.Markers.Where(m => double.IsFinite(m.X)).Select(m => new MarkerJson(m.Label, m.X))],
        spec.HasData);

    private static SeriesJson Series(ChartSeries series)
    {
        var x = new List<double>(series.X.Count);
        var y = new List<double?>(series.X.Count);
        for (var i = 0; i < series.X.Count; i++)
        {
            if (!double.IsFinite(series.X[i]))
            {
                continue;
            }

            x.Add(series.X[i]);
            y.Add(i < series.Y.Count && series.Y[i] is { } value && double.IsFinite(value) ? value : null);
        }

        return new SeriesJson(series.Name, x, y);
    }

    private sealed record ChartJson(string Id, string Title, ChartAxis XAxis, string XLabel, string YLabel, IReadOnlyList<SeriesJson> Series, IReadOnlyList<LineJson> Lines, IReadOnlyList<MarkerJson> Markers, bool HasData);

    private sealed record SeriesJson(string Name, IReadOnlyList<double> X, IReadOnlyList<double?> Y);

    private sealed record LineJson(string Label, double Y);

    private sealed record MarkerJson(string Label, double X);
}
