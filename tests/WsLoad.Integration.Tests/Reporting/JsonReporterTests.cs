using System.Text.Json.Nodes;
using WsLoad.Reporting;
using WsLoad.Reporting.Model;
using WsLoad.Results;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Reporting;

/// <summary>report.json: run.json itself under "run", and what the other reports say of it under "analysis".</summary>
public sealed class JsonReporterTests
{
    [Fact]
    public async Task Report_json_holds_run_json_unchanged_and_the_analysis_of_the_other_reports()
    {
        var result = SampleRuns.Result(RunStatus.ThresholdsFailed);
        using var stream = new MemoryStream();
        await new JsonReporter().WriteAsync(result, stream, CancellationToken.None);

        var report = JsonNode.Parse(stream.ToArray())!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RunResultJson.Serialize(result)), report["run"]), "run is run.json");
        var model = ReportModel.Of(result);
        var analysis = report["analysis"]!;
        Assert.Equal("failed", (string?)analysis["verdict"]!["kind"]);
        Assert.Equal(model.Verdict.Explanation, (string?)analysis["verdict"]!["explanation"]);
        Assert.Equal(model.Findings.Select(f => f.Text), analysis["findings"]!.AsArray().Select(f => (string?)f!["text"]));
        Assert.Equal(model.Recommendations.Select(r => r.Evidence), analysis["recommendations"]!.AsArray().Select(r => (string?)r!["evidence"]));
        var success = analysis["keyFigures"]!.AsArray().Single(f => (string?)f!["metric"] == "connect.success")!;
        Assert.Equal(("connect.success > 99.99%", "missed"), ((string?)success["target"], (string?)success["status"]));
    }
}
