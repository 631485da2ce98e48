using WsLoad.Reporting.Model;

namespace WsLoad.Reporting.Html;

/// <summary>
/// The charts section: one figure per <see cref="ChartSpec"/> (the page's script draws into <c>.plot</c>), and the specs
/// themselves as inline JSON. A chart without data says so instead of showing empty axes.
/// </summary>
internal static class HtmlCharts
{
    public static void Write(HtmlWriter html, IReadOnlyList<ChartSpec> charts)
    {
        html.Section("charts", "Charts")
            .Element("p", "Hover a chart to read its values; click a legend entry to hide or show that series. Dashed lines are thresholds and limits.", "hint screen-only")
            .Raw("<div class=\"charts\">\n");
        foreach (var chart in charts)
        {
            var id = HtmlWriter.Escape(chart.Id);
            html.Raw($"<figure class=\"chart\" id=\"chart-{id}\" data-chart=\"{id}\">\n")
                .Element("figcaption", chart.Title);
            if (chart.HasData)
            {
                html.Raw("<div class=\"plot\"></div>\n");
            }
            else
            {
                html.Element("p", "No data for this chart in this run.", "empty");
            }

            html.Raw("</figure>\n");
        }

        html.Raw("</div>\n")
            .Raw("<script type=\"application/json\" id=\"chart-data\">").Raw(HtmlChartData.Json(charts)).Raw("</script>\n")
            .EndSection();
    }
}
