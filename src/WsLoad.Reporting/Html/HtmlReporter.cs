using System.Text;
using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Reporting.Html;

/// <summary>
/// The run as one self-contained HTML page: verdict, executive summary, recommendations, interactive charts (uPlot,
/// inlined with the chart data), the deep dive, the scenario and the environment. Needs no network to open, prints on
/// paper, and is byte-identical for the same run.json (no clock, invariant culture).
/// </summary>
public sealed class HtmlReporter : TextReporterBase
{
    public override string Format => "html";

    public override string FileName => "report.html";

    protected override void Build(RunResult result, StringBuilder text)
    {
        var model = ReportModel.Of(result);
        var html = new HtmlWriter(text);
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<meta name=\"generator\" content=\"").Text($"{result.Tool} {result.ToolVersion}").Raw("\">\n")
            .Element("title", $"{model.Verdict.Headline} — {model.Title}")
            .Raw("<style>\n").Raw(HtmlAssets.UPlotCss).Raw("\n").Raw(HtmlAssets.ReportCss).Raw("</style>\n</head>\n<body>\n<main>\n");
        HtmlSummary.Write(html, model);
        HtmlCharts.Write(html, model.Charts);
        HtmlDeepDive.Write(html, model);
        HtmlScenario.Write(html, result);
        html.Raw("</main>\n")
            .Raw("<script>\n/*\n").Raw(HtmlAssets.UPlotLicense).Raw("*/\n").Raw(HtmlAssets.UPlotJs).Raw("\n</script>\n")
            .Raw("<script>\n").Raw(HtmlAssets.ReportJs).Raw("</script>\n</body>\n</html>\n");
    }
}
