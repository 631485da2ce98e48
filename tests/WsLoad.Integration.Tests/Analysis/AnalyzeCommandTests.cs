using System.Text.Json.Nodes;
using WsLoad.Cli;
using WsLoad.Results;
using WsLoad.Server;
using WsLoad.Tests.Cli;
using WsLoad.Tests.Cli.BadInput;

namespace WsLoad.Tests.Analysis;

/// <summary>`wsload analyze`, the analysis block a run writes into run.json, and the reports that show it.</summary>
public sealed class AnalyzeCommandTests
{
    [Fact]
    public async Task A_run_with_failed_thresholds_is_no_go_in_text_and_json_and_exits_1()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var cli = new RealCli();
        var stored = Path.Combine(cli.Folder, "run.json");
        await RunResultJson.WriteAsync(SampleRuns.Result(RunStatus.ThresholdsFailed), stored, timeout.Token);

        var exitCode = await cli.InvokeAsync(timeout.Token, "analyze", stored);
        Assert.True(exitCode == ExitCodes.ThresholdsFailed, $"exit {exitCode}: {cli}");
        Assert.StartsWith("readiness: NO-GO (confidence ", cli.Out, StringComparison.Ordinal);
        Assert.Contains("checklist:", cli.Out, StringComparison.Ordinal);

        using var json = new RealCli();
        Assert.Equal(ExitCodes.ThresholdsFailed, await json.InvokeAsync(timeout.Token, "analyze", stored, "-o", "json"));
        Assert.Equal("no-go", (string?)JsonNode.Parse(json.Out)!["verdict"]!["decision"]);
    }

    [Fact]
    public async Task A_missing_file_is_one_line_and_exit_2()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var cli = new RealCli();

        Assert.Equal(ExitCodes.UsageError, await cli.InvokeAsync(timeout.Token, "analyze", Path.Combine(cli.Folder, "nope.json")));
        Assert.Contains("no such file", Assert.Single(cli.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_run_writes_its_analysis_into_run_json_valid_against_the_schema_and_the_reports_show_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), timeout.Token);
        using var cli = new RealCli();

        Assert.True(await cli.RunAsync(timeout.Token, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "20", "--ramp", "burst", "--hold", "2s", "--rate", "5/s", "--report", "md,junit", "-q") == ExitCodes.Passed, cli.ToString());

        var json = await File.ReadAllTextAsync(cli.RunJsonPath, timeout.Token);
        Assert.Empty(Acceptance.RunJsonSchema.Validate(json));
        var stored = RunResultJson.Deserialize(json);
        Assert.NotNull(stored.Analysis);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(RunResultJson.Serialize(stored))), "the analysis reads back as it was written");
        var markdown = await File.ReadAllTextAsync(Path.Combine(cli.OutDir, "report.md"), timeout.Token);
        Assert.Contains($"**Production readiness: {WsLoad.Reporting.Model.AnalysisTables.Decision(stored.Analysis.Verdict.Decision)}**", markdown, StringComparison.Ordinal);
        Assert.Contains("name=\"production readiness\"", await File.ReadAllTextAsync(Path.Combine(cli.OutDir, "junit.xml"), timeout.Token), StringComparison.Ordinal);
    }
}
