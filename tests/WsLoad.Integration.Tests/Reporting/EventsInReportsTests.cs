using System.Text;
using WsLoad.Reporting;
using WsLoad.Results;

namespace WsLoad.Tests.Reporting;

/// <summary>The run's timeline of faults and recoveries is shown by every full report, so effects line up with causes.</summary>
public sealed class EventsInReportsTests
{
    private static RunResult WithEvents() => ReportFixtures.Fixture() with
    {
        Events =
        [
            new RunEvent { AtSeconds = 5, Source = RunEventSource.Server, Kind = "connections-dropped", Description = "dropped 500 of 2,000 connections", Count = 500 },
            new RunEvent { AtSeconds = 2.5, Source = RunEventSource.Network, Kind = "latency-added", Description = "+50 ms each way", DurationSeconds = 20 },
        ],
    };

    [Fact]
    public async Task Markdown_lists_the_events_by_time()
    {
        var markdown = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new MarkdownReporter(), WithEvents()));

        var at = markdown.IndexOf("| 2.5 s | network | latency-added | +50 ms each way | 20 s | - |", StringComparison.Ordinal);
        Assert.True(at > 0, markdown);
        Assert.True(markdown.IndexOf("| 5 s | server | connections-dropped | dropped 500 of 2,000 connections | - | 500 |", StringComparison.Ordinal) > at);
    }

    [Fact]
    public async Task Html_and_pdf_show_the_events_and_a_run_without_any_shows_no_empty_table()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var html = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new WsLoad.Reporting.Html.HtmlReporter(), WithEvents()));
        Assert.Contains("Events on the timeline", html, StringComparison.Ordinal);
        Assert.Contains("dropped 500 of 2,000 connections", html, StringComparison.Ordinal);
        var without = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new WsLoad.Reporting.Html.HtmlReporter(), ReportFixtures.Fixture()));
        Assert.DoesNotContain("Events on the timeline", without, StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("wsload-events-pdf-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "report.pdf");
            await File.WriteAllBytesAsync(pdf, await ReportFixtures.RenderAsync(new WsLoad.Reporting.Pdf.PdfReporter(), WithEvents()), timeout.Token);
            var text = await PdfTools.TextAsync(pdf, timeout.Token);
            Assert.Contains("Events on the timeline", text, StringComparison.Ordinal);
            Assert.Contains("connections-dropped", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_time_chart_marks_the_events_and_the_percentile_chart_does_not()
    {
        var charts = WsLoad.Reporting.Model.ReportCharts.Of(WithEvents());

        Assert.All(charts.Where(c => c.XAxis == WsLoad.Reporting.Model.ChartAxis.Seconds), c =>
            Assert.Equal([(2.5, "latency-added (20 s)"), (5, "connections-dropped")], c.Markers.Select(m => (m.X, m.Label))));
        Assert.Empty(Assert.Single(charts, c => c.XAxis == WsLoad.Reporting.Model.ChartAxis.PercentileLog).Markers);
    }
}
