using System.Text.Json.Nodes;
using WsLoad.Reporting;
using WsLoad.Results;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Reporting;

/// <summary>
/// report.json: run.json itself under "run", and what the other reports say of it under "analysis". The analysis is
/// checked against run.json's own fields, not against the report model that wrote it.
/// </summary>
public sealed class JsonReporterTests
{
    [Fact]
    public async Task Report_json_holds_run_json_unchanged_and_key_figures_and_verdict_read_from_it()
    {
        var result = SampleRuns.Result(RunStatus.ThresholdsFailed);
        using var stream = new MemoryStream();
        await new JsonReporter().WriteAsync(result, stream, CancellationToken.None);

        var report = JsonNode.Parse(stream.ToArray())!;
        var run = JsonNode.Parse(RunResultJson.Serialize(result))!;
        Assert.True(JsonNode.DeepEquals(run, report["run"]), "run is run.json");

        // The verdict follows the run's status, and names the threshold that failed.
        var analysis = report["analysis"]!;
        Assert.Equal("thresholds-failed", (string?)run["status"]);
        Assert.Equal("failed", (string?)analysis["verdict"]!["kind"]);
        var failedThresholds = run["thresholds"]!.AsArray().Where(t => !(bool)t!["passed"]!).Select(t => (string)t!["expression"]!).ToList();
        Assert.Equal(["connect.success > 99.99%"], failedThresholds);
        Assert.Contains(failedThresholds[0], (string?)analysis["verdict"]!["explanation"], StringComparison.Ordinal);

        // Each key figure's value is run.json's figure, shown as every report formats it, with run.json's thresholds on
        // that metric as its target and their outcome as its status.
        var expected = RunJsonFigures.KeyFigures(run);
        var figures = analysis["keyFigures"]!.AsArray().ToDictionary(f => (string)f!["metric"]!);
        Assert.Equal(expected.Select(f => f.Metric).Order(), figures.Keys.Order());
        foreach (var (name, metric, value, display) in expected)
        {
            var figure = figures[metric]!;
            Assert.Equal((name, value, display), ((string?)figure["name"], (double?)figure["value"], (string?)figure["display"]));
            var thresholds = run["thresholds"]!.AsArray().Where(t => ((string)t!["expression"]!).StartsWith(metric + " ", StringComparison.Ordinal)).ToList();
            Assert.Equal(thresholds.Count == 0 ? null : string.Join("; ", thresholds.Select(t => (string)t!["expression"]!)), (string?)figure["target"]);
            var status = thresholds.Count == 0 ? "no-target" : thresholds.All(t => (bool)t!["passed"]!) ? "met" : "missed";
            Assert.Equal(status, (string?)figure["status"]);
        }

        // Findings and recommendations are there, with their evidence (their wording is the Markdown and HTML tests').
        Assert.NotEmpty(analysis["findings"]!.AsArray());
        Assert.All(analysis["recommendations"]!.AsArray(), r => Assert.False(string.IsNullOrWhiteSpace((string?)r!["evidence"])));
    }
}
