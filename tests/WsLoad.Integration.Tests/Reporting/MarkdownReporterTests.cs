using System.Globalization;
using System.Text.RegularExpressions;
using WsLoad.Cli;
using WsLoad.Reporting;
using WsLoad.Results;
using WsLoad.Server;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli.BadInput;

namespace WsLoad.Tests.Reporting;

/// <summary>The Markdown report: a snapshot over a fixture result in two cultures, and `wsload report` = what the run wrote.</summary>
public sealed class MarkdownReporterTests
{
    private static string SnapshotPath => Path.Combine(RepositoryPaths.Root, "tests", "WsLoad.Integration.Tests", "Reporting", "Snapshots", "fixture-report.md");

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public async Task The_fixture_report_matches_its_snapshot_in_any_culture(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var text = await RenderAsync(Fixture());
            if (Environment.GetEnvironmentVariable("WSLOAD_UPDATE_SNAPSHOTS") == "1" && culture.Length == 0)
            {
                await File.WriteAllTextAsync(SnapshotPath, text); // then read the diff before committing it
            }

            Assert.Equal(await File.ReadAllTextAsync(SnapshotPath), text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task The_throughput_key_figure_the_findings_and_the_readiness_check_give_one_figure()
    {
        // Issue 11, item 8: the key figures said "throughput 0 msg/s" and the findings "1,356.7 msg/s received during the
        // hold" of one run: the summary's figure and one recomputed from the series. Whichever it is, it is one figure.
        var text = await RenderAsync(ReportFixtures.SaturatedServer());

        var keyFigure = Figure(Regex.Match(text, @"^\| throughput \| ([\d,.]+) msg/s \|", RegexOptions.Multiline));
        var finding = Figure(Regex.Match(text, @"^- .*Throughput [^:]*: ([\d,.]+) msg/s received during the hold", RegexOptions.Multiline));
        var readiness = Figure(Regex.Match(text, @"^\| sustained throughput \| [^|]* \| ([\d,.]+)/s \|", RegexOptions.Multiline));
        Assert.Equal(keyFigure, finding);
        Assert.Equal(keyFigure, readiness);

        static double Figure(Match match)
        {
            Assert.True(match.Success, "figure not found in the report");
            return double.Parse(match.Groups[1].Value, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public async Task Report_from_a_stored_run_json_is_byte_identical_to_what_the_run_wrote()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = new ServerFaults { CloseAfterMessages = 3, CloseCode = System.Net.WebSockets.WebSocketCloseStatus.InternalServerError } }, timeout.Token);
        using var cli = new RealCli();

        var exitCode = await cli.RunAsync(
            timeout.Token, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "20", "--ramp", "burst", "--hold", "2s", "--rate", "5/s", "--report", "md,json", "-q");
        Assert.True(exitCode == ExitCodes.Passed, cli.ToString());
        var reported = Path.Combine(cli.Folder, "again");
        Assert.Equal(0, await cli.InvokeAsync(timeout.Token, "report", cli.RunJsonPath, "--format", "md,json", "--out", reported));

        foreach (var name in new[] { "report.md", "report.json" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(cli.OutDir, name)), await File.ReadAllBytesAsync(Path.Combine(reported, name)));
        }

        // A run with failures shows them by class, with the first example.
        var markdown = await File.ReadAllTextAsync(Path.Combine(reported, "report.md"));
        Assert.Contains("| close-1011 | 20 | at ", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_a_missing_file_or_an_unknown_format_is_one_line_and_exit_2()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var cli = new RealCli();

        Assert.Equal(ExitCodes.UsageError, await cli.InvokeAsync(timeout.Token, "report", Path.Combine(cli.Folder, "nope.json")));
        Assert.Contains("no such file", cli.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, await cli.InvokeAsync(timeout.Token, "report", "x.json", "--format", "pptx"));
        Assert.Contains("unknown report format 'pptx'; allowed: html, pdf, md, csv, junit, json", cli.Error, StringComparison.Ordinal);
    }

    private static RunResult Fixture() => ReportFixtures.Fixture();

    private static async Task<string> RenderAsync(RunResult result)
    {
        using var stream = new MemoryStream();
        await new MarkdownReporter().WriteAsync(result, stream, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
