using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WsLoad.Cli;
using WsLoad.Reporting.Model;
using WsLoad.Reporting.Pdf;
using WsLoad.Results;
using WsLoad.Server;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli.BadInput;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Tests.Reporting;

/// <summary>
/// The PDF report, read back with poppler: pages that are not blank, the verdict and key figures as in run.json, fonts
/// embedded, errors by class for a failed run, INTERRUPTED on page one for an interrupted one. Page images are kept
/// under the test output folder (pdf-report/) to look at.
/// </summary>
public sealed class PdfReportTests
{
    private static string Output => Path.Combine(AppContext.BaseDirectory, "pdf-report");

    [Fact]
    public async Task Pdf_of_a_real_run_has_no_blank_page_shows_the_verdict_and_key_figures_of_run_json_and_embeds_its_fonts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), timeout.Token);
        using var cli = new RealCli();

        var exitCode = await cli.RunAsync(
            timeout.Token, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "20", "--ramp", "linear:1s", "--hold", "2s", "--rate", "5/s", "--report", "pdf", "-q");
        Assert.True(exitCode == ExitCodes.Passed, cli.ToString());
        var pdf = Path.Combine(cli.OutDir, "report.pdf");
        var result = await cli.ReadRunJsonAsync(timeout.Token);

        var pages = await PdfTools.RenderPagesAsync(pdf, Path.Combine(Output, "real-run"), timeout.Token);
        Assert.True(pages.Length >= 3, $"{pages.Length} page(s)");
        foreach (var page in pages)
        {
            Assert.True(PdfTools.InkShare(page) > 0.005, $"{page} is blank ({PdfTools.InkShare(page):P2} ink)");
        }

        var firstPage = await PdfTools.TextAsync(pdf, timeout.Token, 1, 1);
        Assert.Contains(AnalysisTables.Decision(result.Analysis!.Verdict.Decision), firstPage, StringComparison.Ordinal); // no thresholds: the readiness verdict heads it
        Assert.DoesNotContain("PASSED", firstPage, StringComparison.Ordinal);

        // The key figures table on page one, row by row, against run.json's own fields (not the model that drew it):
        // the row named "service time p99" shows summary.latencyMs.rtt.p99, formatted as every report formats it.
        var runJson = JsonNode.Parse(await File.ReadAllTextAsync(cli.RunJsonPath, timeout.Token))!;
        var figures = RunJsonFigures.KeyFigures(runJson);
        foreach (var (name, _, _, display) in figures)
        {
            Assert.Matches($@"(?m)^[ ]*{Regex.Escape(name)}[ ]{{2,}}{Regex.Escape(display)}( |$)", firstPage);
        }

        var fonts = await PdfTools.FontsAsync(pdf, timeout.Token);
        var fontRows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fontRows);
        // Columns end in: emb sub uni object-id generation.
        Assert.All(fontRows, row => Assert.Equal("yes", row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]));
        Assert.Contains("DejaVu Sans", fonts, StringComparison.Ordinal);

        // `wsload report` from the stored run.json writes the same text (the file itself differs only in its /ID).
        var again = Path.Combine(cli.Folder, "again");
        Assert.Equal(0, await cli.InvokeAsync(timeout.Token, "report", cli.RunJsonPath, "--format", "pdf", "--out", again));
        Assert.Equal(await PdfTools.TextAsync(pdf, timeout.Token), await PdfTools.TextAsync(Path.Combine(again, "report.pdf"), timeout.Token));
    }

    [Fact]
    public async Task Pdf_of_a_failed_run_shows_failed_on_page_one_and_errors_by_class_with_the_first_example()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var result = await RunResultJson.ReadAsync(Fixture("run-failed.json"), timeout.Token);
        var pdf = await WriteAsync(result, "failed", timeout.Token);

        Assert.Contains("FAILED", await PdfTools.TextAsync(pdf, timeout.Token, 1, 1), StringComparison.Ordinal);
        var text = await PdfTools.TextAsync(pdf, timeout.Token);
        Assert.Contains("Errors by class", text, StringComparison.Ordinal);
        foreach (var (name, count) in result.ErrorsByClass)
        {
            Assert.Matches($@"{name}\s+{Count(count)}\b", text);
        }

        var first = result.FailureEvents[0];
        Assert.Contains($"at {Seconds(first.AtSeconds)}, connection {first.ConnectionId}: {first.Message}", text, StringComparison.Ordinal);
        await AssertNoBlankPageAsync(pdf, "failed", timeout.Token);
    }

    [Fact]
    public async Task Pdf_of_an_interrupted_run_says_interrupted_on_page_one()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var result = await RunResultJson.ReadAsync(Fixture("run-passed.json"), timeout.Token) with
        {
            Status = RunStatus.Interrupted,
            StatusReason = "stopped by Ctrl+C",
        };
        var pdf = await WriteAsync(result, "interrupted", timeout.Token);

        var firstPage = await PdfTools.TextAsync(pdf, timeout.Token, 1, 1);
        Assert.Contains("INTERRUPTED", firstPage, StringComparison.Ordinal);
        Assert.Contains("stopped by Ctrl+C", firstPage, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED", firstPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_of_a_passed_fixture_has_every_chart_and_no_blank_page()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var result = await RunResultJson.ReadAsync(Fixture("run-passed.json"), timeout.Token);
        var pdf = await WriteAsync(result, "passed", timeout.Token);

        var text = await PdfTools.TextAsync(pdf, timeout.Token);
        foreach (var chart in ReportModel.Of(result).Charts)
        {
            Assert.Contains(chart.Title, text, StringComparison.Ordinal);
        }

        await AssertNoBlankPageAsync(pdf, "passed", timeout.Token);
    }

    private static string Fixture(string name) => Path.Combine(RepositoryPaths.Root, "tests", "WsLoad.Integration.Tests", "Reporting", "Fixtures", "pdf", name);

    private static async Task<string> WriteAsync(RunResult result, string name, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Output);
        var path = Path.Combine(Output, $"{name}.pdf");
        await using (var file = File.Create(path))
        {
            await new PdfReporter().WriteAsync(result, file, cancellationToken);
        }

        return path;
    }

    private static async Task AssertNoBlankPageAsync(string pdf, string name, CancellationToken cancellationToken)
    {
        foreach (var page in await PdfTools.RenderPagesAsync(pdf, Path.Combine(Output, name), cancellationToken))
        {
            Assert.True(PdfTools.InkShare(page) > 0.005, $"{page} is blank");
        }
    }
}
