using System.Text;
using System.Text.Json;
using WsLoad.Analysis.Facts;
using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Reporting;

/// <summary>
/// The run as JSON for scripts: <c>run</c> is run.json itself, <c>analysis</c> what the other reports say of it (verdict,
/// key figures against their targets, findings, recommendations with evidence, the facts read from the series). Charts
/// are left out: they are the series and histograms of <c>run</c>, redrawn.
/// </summary>
public sealed class JsonReporter : TextReporterBase
{
    public override string Format => "json";

    public override string FileName => "report.json";

    protected override void Build(RunResult result, StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var model = ReportModel.Of(result);
        var report = new JsonReport(result, new JsonAnalysis(model.Verdict, model.KeyFigures, model.Findings, model.Recommendations, model.Facts));
        text.Append(JsonSerializer.Serialize(report, RunResultJson.Options)).Append('\n');
    }

    private sealed record JsonReport(RunResult Run, JsonAnalysis Analysis);

    private sealed record JsonAnalysis(
        Verdict Verdict,
        IReadOnlyList<KeyFigure> KeyFigures,
        IReadOnlyList<Finding> Findings,
        IReadOnlyList<Recommendation> Recommendations,
        RunFacts Facts);
}
