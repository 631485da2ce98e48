using System.Text;
using WsLoad.Reporting;
using WsLoad.Reporting.Html;
using WsLoad.Results;

namespace WsLoad.Tests.Reporting;

/// <summary>A run in several worker processes shows each worker in the reports; a run in one process shows no such table.</summary>
public sealed class WorkersInReportsTests
{
    private static RunResult WithWorkers() => ReportFixtures.Fixture() with
    {
        Workers =
        [
            new WorkerSummary { Name = "worker-1", ProcessId = 101, Segment = "0:1/2", PlannedConnections = 500, Established = 500, Sent = 9_000, Received = 9_000, Status = "completed", MaxCpuPercent = 41.5, MaxRssBytes = 90L << 20 },
            new WorkerSummary { Name = "worker-2", ProcessId = 102, Segment = "1/2:1", PlannedConnections = 500, Established = 500, Sent = 4_000, Received = 4_000, Status = "lost", SaturatedIntervals = 2 },
        ],
    };

    [Fact]
    public async Task Markdown_and_html_show_each_worker_and_a_lost_one_stands_out()
    {
        var markdown = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new MarkdownReporter(), WithWorkers()));
        var html = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new HtmlReporter(), WithWorkers()));

        Assert.Contains("### Workers", markdown, StringComparison.Ordinal);
        Assert.Contains("| worker-1 (pid 101) | 0:1/2 | completed | 500 / 500 | 9,000 | 9,000 | 41.5% | 90 MiB | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| worker-2 (pid 102) | 1/2:1 | lost | 500 / 500 | 4,000 | 4,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("<h3>Workers</h3>", html, StringComparison.Ordinal);
        Assert.Contains("worker-2 (pid 102)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resource_peaks_say_they_are_the_busiest_workers_and_the_servers_processes()
    {
        var fixture = ReportFixtures.WithSeries();
        var result = WithWorkers() with
        {
            Series = [.. fixture.Series.Select(s => s.Server is { } server ? s with { Server = server with { Processes = 3 } } : s)],
        };

        var html = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new HtmlReporter(), result));
        var single = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new HtmlReporter(), fixture));

        Assert.Contains("generator CPU (busiest of 2 workers)", html, StringComparison.Ordinal);
        Assert.Contains("server CPU (3 processes)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("busiest of", single, StringComparison.Ordinal);
        Assert.DoesNotContain("server CPU (", single, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_shows_each_worker_too()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var pdf = Path.Combine(Path.GetTempPath(), $"wsload-workers-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(pdf, await ReportFixtures.RenderAsync(new WsLoad.Reporting.Pdf.PdfReporter(), WithWorkers()), timeout.Token);

            // pdftotext keeps a table row on one line, its cells apart by spaces.
            var text = await PdfTools.TextAsync(pdf, timeout.Token);
            Assert.Contains("Workers", text, StringComparison.Ordinal);
            Assert.Matches(@"worker-1 \(pid 101\)\s+0:1/2\s+completed\s+500 / 500\s+9,000\s+9,000\s+41\.5%\s+90 MiB\s+0", text);
            Assert.Matches(@"worker-2 \(pid 102\)\s+1/2:1\s+lost", text);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    [Fact]
    public async Task A_run_in_one_process_has_no_workers_table()
    {
        var markdown = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new MarkdownReporter(), ReportFixtures.Fixture()));
        var html = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new HtmlReporter(), ReportFixtures.Fixture()));

        Assert.DoesNotContain("Workers", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<h3>Workers</h3>", html, StringComparison.Ordinal);
    }
}
