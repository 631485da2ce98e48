using System.Globalization;
using System.Text;
using OpenQA.Selenium;
using WsLoad.Cli;
using WsLoad.Reporting.Html;
using WsLoad.Reporting.Model;
using WsLoad.Results;
using WsLoad.Server;
using WsLoad.Tests.Cli.BadInput;
using Xunit.Abstractions;

namespace WsLoad.Tests.Reporting;

/// <summary>The HTML report: drawn in headless Chromium from a real run, and its content, escaping and determinism from stored run.json files.</summary>
public sealed class HtmlReportTests(ITestOutputHelper output)
{
    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Reporting", "Fixtures", name);

    private static string ArtifactsFolder => Path.Combine(AppContext.BaseDirectory, "artifacts");

    [Fact]
    public async Task The_report_of_a_real_run_draws_every_chart_in_headless_Chromium()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), timeout.Token);
        using var cli = new RealCli();
        var exitCode = await cli.RunAsync(
            timeout.Token, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "30", "--ramp", "linear:2s", "--hold", "3s", "--rate", "5/s",
            "--threshold", "rtt.p99 < 500ms", "--report", "html,json", "-q");
        // The threshold draws a line on the latency charts; whether it held depends on the machine's load, not on the report.
        Assert.True(exitCode is ExitCodes.Passed or ExitCodes.ThresholdsFailed, cli.ToString());
        var result = await cli.ReadRunJsonAsync(timeout.Token);

        var page = Path.Combine(cli.OutDir, "report.html");
        var (verdict, figures) = ShowInChromium(page, "html-report-real-run");

        Assert.Equal(result.Status == RunStatus.Completed ? "PASSED" : "FAILED", verdict);
        Assert.Equal(result.Thresholds[0].Passed ? "met" : "MISSED", figures["service time p99 status"]);
        Assert.Equal(ReportFormat.Count(result.Summary.Connections.Peak), figures["peak connections"]);
        var rtt = SteadyState.Hold(result)?.Rtt ?? result.Summary.LatencyMs.Rtt!; // as the threshold judges it: on the hold
        Assert.Equal(ReportFormat.Ms(rtt.P50), figures["service time p50"]);
        Assert.Equal(ReportFormat.Ms(rtt.P99), figures["service time p99"]);
        Assert.Equal(ReportFormat.Ms(result.Thresholds[0].Value!.Value), figures["service time p99"]);
        Assert.Equal(ReportFormat.Rate(result.Summary.Messages.ThroughputPerSec, "msg"), figures["throughput"]);

        // The summary leads with the hold (the run has one) beside the whole run.
        using var chromium = new HeadlessChromium();
        chromium.Open(page, TimeSpan.FromSeconds(30));
        var steady = chromium.Driver.FindElements(By.CssSelector("#steady-state thead th")).Select(th => th.Text).ToList();
        Assert.Equal(["", SteadyState.HoldHeader(result)!, SteadyState.WholeRunHeader], steady);
    }

    [Fact]
    public void The_report_of_a_failed_run_draws_every_chart_in_headless_Chromium()
    {
        var page = Path.Combine(ArtifactsFolder, "html-report-failed-run.html");
        Directory.CreateDirectory(ArtifactsFolder);
        File.WriteAllText(page, Render(Fixture("run-failed.json")));

        var (verdict, figures) = ShowInChromium(page, "html-report-failed-run");

        Assert.Equal("FAILED", verdict);
        Assert.Equal("30.72 ms", figures["service time p99"]);
        Assert.Equal("200", figures["peak connections"]);
    }

    [Fact]
    public void A_run_with_failures_shows_its_errors_by_class_with_the_first_examples()
    {
        var result = Fixture("run-failed.json");
        var html = Render(result);

        var errors = Between(html, "<h3>Errors by class</h3>", "</table>");
        var first = result.FailureEvents.First(f => f.Class == "close-1011");
        Assert.Contains($"<td class=\"code\">close-1011</td><td class=\"num\">200</td><td class=\"num\">{ReportFormat.Seconds(first.AtSeconds)}</td><td class=\"num\">{first.ConnectionId}</td><td>{first.Message}</td>", errors, StringComparison.Ordinal);
        Assert.Contains("<td class=\"code\">message-lost</td><td class=\"num\">279</td>", errors, StringComparison.Ordinal);
        Assert.Contains("FAILED", Between(html, "<header", "</header>"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_run_says_so_at_the_very_top()
    {
        var fixture = Fixture("run-passed.json");
        var html = Render(fixture with { Status = RunStatus.Interrupted, StatusReason = "SIGINT" });

        var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        var header = Between(body, "<header", "</header>");
        Assert.StartsWith("<body>\n<main>\n<header class=\"verdict verdict-interrupted\"", body, StringComparison.Ordinal);
        Assert.Contains("<div class=\"headline\">INTERRUPTED</div>", header, StringComparison.Ordinal);
        Assert.Contains($"interrupted after {ReportFormat.Seconds(fixture.DurationSeconds)} (SIGINT)", header, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_run_json_gives_byte_identical_html_in_any_culture()
    {
        var result = Fixture("run-failed.json");
        var first = RenderBytes(result);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal(first, RenderBytes(Fixture("run-failed.json")));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal(first, RenderBytes(result));
        Assert.Contains("879.9 msg/s", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_and_chart_data_from_run_json_are_escaped()
    {
        const string Evil = "</script><script>alert(1)</script><b>x</b>";
        var fixture = Fixture("run-failed.json");
        var result = fixture with
        {
            Scenario = fixture.Scenario with { Name = Evil },
            FailureEvents = [new FailureEvent { Class = "close-1011", Message = Evil }],
            Series = [.. fixture.Series.Select(s => s with { ErrorsByClass = new Dictionary<string, long> { [Evil] = 1 } })],
        };

        var html = Render(result);

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
        // Three scripts: the chart data, uPlot and the report's own; nothing from run.json closes one early.
        Assert.Equal(3, CountOf(html, "</script>"));
        Assert.Contains("\\u003C/script\\u003E", Between(html, "<script type=\"application/json\" id=\"chart-data\">", "</script>"), StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_events_are_drawn_on_the_charts_and_the_checkpoints_shown_in_headless_Chromium()
    {
        var probe = ReportFixtures.CapacityProbe();
        var result = Fixture("run-passed.json") with { Checkpoints = probe.Checkpoints, Events = probe.Events };
        var page = Path.Combine(ArtifactsFolder, "html-report-checkpoints.html");
        Directory.CreateDirectory(ArtifactsFolder);
        File.WriteAllText(page, Render(result));

        var (_, figures) = ShowInChromium(page, "html-report-checkpoints");

        Assert.Equal("300 (at 5 s)", figures["highest level held healthy"]);
        using var chromium = new HeadlessChromium();
        chromium.Open(page, TimeSpan.FromSeconds(30));
        var rows = chromium.Driver.FindElements(By.CssSelector("#checkpoints tbody tr")).Select(r => r.FindElements(By.TagName("td")).Select(c => c.Text).ToList()).ToList();
        Assert.Equal(["refusals", "connections.failed[2s] > 0", "pause-ramp", "3", "6 s", "9 of 16", "61"], rows[0]);
        Assert.StartsWith("Highest level held healthy: 300 connections (at 5 s).", chromium.Driver.FindElement(By.Id("healthy-level")).Text, StringComparison.Ordinal);

        // The markers' purple: five firings and clearings between 6 and 14 s on the open connections chart, and none
        // on the same chart without events.
        var chart = chromium.Driver.FindElement(By.CssSelector("figure[data-chart='connections']"));
        var purple = MarkerPixels(chromium, chart);
        Assert.True(purple > 500, $"no checkpoint marker drawn ({purple} purple pixels)");
        Assert.Empty(chromium.SevereConsoleEntries());

        var plain = Path.Combine(ArtifactsFolder, "html-report-no-events.html");
        File.WriteAllText(plain, Render(result with { Events = [] }));
        chromium.Open(plain, TimeSpan.FromSeconds(30));
        var none = MarkerPixels(chromium, chromium.Driver.FindElement(By.CssSelector("figure[data-chart='connections']")));
        Assert.True(none < 50, $"{none} purple pixels on a chart without events");
    }

    /// <summary>
    /// Opens the page in Chromium, checks it drew every chart without console errors, saves a screenshot; returns the
    /// verdict and the key figures by name (and their met/missed status as "NAME status").
    /// </summary>
    private (string Verdict, Dictionary<string, string> Figures) ShowInChromium(string page, string name)
    {
        using var chromium = new HeadlessChromium();
        chromium.Open(page, TimeSpan.FromSeconds(30));

        var screenshot = Path.Combine(ArtifactsFolder, name + ".png");
        var copy = Path.Combine(Directory.CreateDirectory(ArtifactsFolder).FullName, name + ".html");
        if (Path.GetFullPath(page) != copy)
        {
            File.Copy(page, copy, overwrite: true);
        }

        chromium.SaveFullPageScreenshot(screenshot);
        output.WriteLine($"screenshot: {screenshot}");

        Assert.Empty(chromium.SevereConsoleEntries());
        var charts = chromium.Driver.FindElements(By.CssSelector("figure.chart"));
        Assert.Equal(7, charts.Count);
        foreach (var chart in charts)
        {
            var id = chart.GetAttribute("data-chart");
            Assert.True(int.TryParse(chart.GetAttribute("data-points"), CultureInfo.InvariantCulture, out var points) && points > 0, $"chart {id} drew no data points");
            Assert.True(ColouredPixels(chromium, chart) > 50, $"chart {id}'s canvas shows no coloured line");
        }

        var verdict = chromium.Driver.FindElement(By.CssSelector("header.verdict .headline")).Text;
        var figures = chromium.Driver.FindElements(By.CssSelector("#key-figures table tbody tr"))
            .Select(row => row.FindElements(By.TagName("td")))
            .SelectMany(cells => new[] { (cells[0].Text, cells[1].Text), (cells[0].Text + " status", cells[3].Text) })
            .ToDictionary(c => c.Item1, c => c.Item2);
        return (verdict, figures);
    }

    /// <summary>Pixels of the chart's canvas that are clearly coloured (axes, grid and text are grey), i.e. drawn series.</summary>
    private static long ColouredPixels(HeadlessChromium chromium, IWebElement chart) => Convert.ToInt64(chromium.Script(
        """
        const canvas = arguments[0].querySelector('canvas');
        if (!canvas) return 0;
        const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          const max = Math.max(d[i], d[i + 1], d[i + 2]), min = Math.min(d[i], d[i + 1], d[i + 2]);
          if (d[i + 3] > 128 && max - min > 80) n++;
        }
        return n;
        """, chart), CultureInfo.InvariantCulture);

    /// <summary>Pixels of the chart's canvas in purple hues, as the markers (#6a1b9a) are drawn, antialiased: their lines and labels.</summary>
    private static long MarkerPixels(HeadlessChromium chromium, IWebElement chart) => Convert.ToInt64(chromium.Script(
        """
        const canvas = arguments[0].querySelector('canvas');
        if (!canvas) return 0;
        const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] > 128 && d[i] - d[i + 1] > 40 && d[i + 2] - d[i + 1] > 60) n++;
        }
        return n;
        """, chart), CultureInfo.InvariantCulture);

    private static RunResult Fixture(string name) => RunResultJson.ReadAsync(FixturePath(name)).GetAwaiter().GetResult();

    private static byte[] RenderBytes(RunResult result)
    {
        using var stream = new MemoryStream();
        new HtmlReporter().WriteAsync(result, stream, CancellationToken.None).GetAwaiter().GetResult();
        return stream.ToArray();
    }

    private static string Render(RunResult result) => Encoding.UTF8.GetString(RenderBytes(result));

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        var to = text.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return text[from..(to < 0 ? text.Length : to)];
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
