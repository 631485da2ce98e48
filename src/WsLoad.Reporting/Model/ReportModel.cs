using WsLoad.Analysis.Conclusions;
using WsLoad.Analysis.Facts;
using WsLoad.Results;

namespace WsLoad.Reporting.Model;

/// <summary>
/// What every full report (Markdown, HTML, PDF) says, computed once from a run.json: the executive summary (verdict,
/// key figures against their targets, findings), the recommendations and the charts. The findings and recommendations
/// are Analysis' <see cref="RunConclusions"/> phrased; reporters lay the model out and do not decide what it says, so the
/// formats never disagree. The run itself is <see cref="Result"/>, for the deep dive.
/// </summary>
public sealed record ReportModel(
    RunResult Result,
    Verdict Verdict,
    IReadOnlyList<KeyFigure> KeyFigures,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Recommendation> Recommendations,
    RunFacts Facts,
    IReadOnlyList<ChartSpec> Charts,
    Analysis.RunAnalysis? Analysis)
{
    /// <summary>The findings the executive summary shows; the rest are in the deep dive.</summary>
    public const int TopFindings = 5;

    public static ReportModel Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var conclusions = RunConclusions.Of(result);
        var analysis = result.Analysis ?? WsLoad.Analysis.RunAnalyzer.AnalyzeOrNone(result); // a run.json from before analysis existed is analysed now
        return new ReportModel(
            result,
            Verdict.Of(result, analysis),
            KeyFigure.Of(result),
            Finding.Of(conclusions.Findings),
            Recommendation.Of(conclusions.NextSteps),
            conclusions.Facts,
            ReportCharts.Of(result),
            analysis);
    }

    /// <summary>A one-line title: the scenario and the target.</summary>
    public string Title => $"{Result.Scenario.Name}: {Result.Scenario.Target.Url.OriginalString}";
}
