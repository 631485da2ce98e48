using System.Text;
using System.Text.RegularExpressions;
using WsLoad.Reporting;
using WsLoad.Reporting.Csv;
using WsLoad.Reporting.Html;
using WsLoad.Reporting.Pdf;
using WsLoad.Results;

namespace WsLoad.Tests.Reporting;

/// <summary>
/// Every report leads with the hold's figures beside the whole run's (the whole run alone, labelled, when there is no
/// hold), and shows unanswered-at-close next to lost, the close handshake and the connections' lifetime.
/// </summary>
public sealed class HoldAndConnectionEndsTests
{
    private static RunResult NoHold() => ReportFixtures.Fixture() with { Phases = new Dictionary<string, PhaseSummary>() };

    private static async Task<string> RenderAsync(IReporter reporter, RunResult result) =>
        Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(reporter, result));

    [Fact]
    public async Task Markdown_leads_with_the_hold_beside_the_whole_run()
    {
        var text = await RenderAsync(new MarkdownReporter(), ReportFixtures.Fixture());

        var summary = text[text.IndexOf("## Executive summary", StringComparison.Ordinal)..];
        Assert.StartsWith("## Executive summary\n\nThe hold is the steady state", summary, StringComparison.Ordinal);
        Assert.Contains("|  | hold (20-50 s) | whole run |", summary, StringComparison.Ordinal);
        Assert.Contains("| throughput, msg/s received | 9,996.5 | 5,631.9 |", summary, StringComparison.Ordinal);
        Assert.Contains("| service time (rtt) p50, ms | 1.13 | 1.25 |", summary, StringComparison.Ordinal);
        Assert.Contains("| service time (rtt) p99.9, ms | 21.75 | 45.6 |", summary, StringComparison.Ordinal);
        Assert.Contains("| response time p99, ms | 9.88 | - |", summary, StringComparison.Ordinal); // the fixture's whole run has no response time
        Assert.True(
            summary.IndexOf("| hold (20-50 s) |", StringComparison.Ordinal) < summary.IndexOf("| key figure |", StringComparison.Ordinal),
            "the hold's table comes before the key figures");
    }

    [Fact]
    public async Task Without_a_hold_the_reports_show_the_whole_run_only_and_say_so()
    {
        var markdown = await RenderAsync(new MarkdownReporter(), NoHold());
        var html = await RenderAsync(new HtmlReporter(), NoHold());

        Assert.Contains("|  | whole run (no hold figures) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| service time (rtt) p99, ms | 12.34 |\n", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("hold (", markdown, StringComparison.Ordinal);
        Assert.Contains("<h3>Whole run (no hold figures)</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<th class=\"num\">whole run (no hold figures)</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_shows_unanswered_at_close_next_to_lost_the_close_handshake_and_the_lifetime()
    {
        var text = await RenderAsync(new MarkdownReporter(), ReportFixtures.Fixture());

        Assert.Contains("| sent | received | lost | unanswered at close | duplicated |", text, StringComparison.Ordinal);
        Assert.Contains("| 299,940 | 299,900 | 40 | 7 | 1 |", text, StringComparison.Ordinal);
        Assert.Contains("Unanswered at close: still in flight when this side closed the connection", text, StringComparison.Ordinal);
        Assert.Contains("| close handshake, ms (our close frame to the end) | 9,995 | 0.625 | 1.5 | 4.375 | 12.5 | 0.75 |", text, StringComparison.Ordinal);
        Assert.Contains("| lifetime, s (101 to close or drop) | 10,001 | 33.5 | 35.25 | 36.75 | 37.5 | 33.13 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_leads_with_the_hold_and_shows_the_connection_end_figures()
    {
        var html = await RenderAsync(new HtmlReporter(), ReportFixtures.Fixture());

        var summary = Between(html, "<section id=\"summary\">", "</section>");
        Assert.Matches(new Regex("^\n<h2>Executive summary</h2>\n<h3>Steady state \\(hold\\) and whole run</h3>"), summary);
        Assert.Contains("<th class=\"num\">hold (20-50 s)</th><th class=\"num\">whole run</th>", summary, StringComparison.Ordinal);
        Assert.Contains("<td>service time (rtt) p99, ms</td><td class=\"num\">8.63</td><td class=\"num\">12.34</td>", summary, StringComparison.Ordinal);
        Assert.True(summary.IndexOf("id=\"steady-state\"", StringComparison.Ordinal) < summary.IndexOf("<h3>Key figures</h3>", StringComparison.Ordinal));

        Assert.Contains("<th class=\"num\">lost</th><th class=\"num\">unanswered at close</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num missed\">40</td><td class=\"num\">7</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>close handshake, ms (our close frame to the end)</td><td class=\"num\">9,995</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>lifetime, s (101 to close or drop)</td><td class=\"num\">10,001</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_summary_has_the_hold_first_and_the_connection_end_figures()
    {
        var lines = (await RenderAsync(CsvReporter.Summary, ReportFixtures.Fixture())).Split('\n');

        var hold = Array.IndexOf(lines, "hold.latency_ms.rtt.p99,8.625");
        Assert.True(hold > 0, "hold.latency_ms.rtt.p99 is in summary.csv");
        Assert.True(hold < Array.IndexOf(lines, "latency_ms.rtt.p99,12.34"), "the hold comes before the whole run");
        Assert.Contains("hold.received_per_sec,9996.5", lines);
        Assert.Equal(Array.IndexOf(lines, "messages.lost,40") + 1, Array.IndexOf(lines, "messages.unanswered_at_close,7"));
        Assert.Contains("latency_ms.close_handshake.p99,4.375", lines);
        Assert.Contains("connections.lifetime_seconds.p50,33.5", lines);

        var noHold = (await RenderAsync(CsvReporter.Summary, NoHold())).Split('\n');
        Assert.Contains("hold.latency_ms.rtt.p99,", noHold); // always present, empty without a hold
    }

    [Fact]
    public async Task Pdf_page_one_leads_with_the_hold_and_the_deep_dive_has_the_connection_end_figures()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var path = Path.Combine(Path.GetTempPath(), $"wsload-hold-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await ReportFixtures.RenderAsync(new PdfReporter(), ReportFixtures.Fixture()), timeout.Token);
        try
        {
            var first = await PdfTools.TextAsync(path, timeout.Token, 1, 1);
            Assert.Contains("Steady state (hold) and whole run", first, StringComparison.Ordinal);
            Assert.Matches(@"service time \(rtt\) p99, ms\s+8\.63\s+12\.34", first);
            Assert.True(first.IndexOf("Steady state (hold)", StringComparison.Ordinal) < first.IndexOf("Key figures", StringComparison.Ordinal));

            var all = await PdfTools.TextAsync(path, timeout.Token);
            Assert.Contains("Unanswered at close: still in flight", all, StringComparison.Ordinal);
            Assert.Contains("close handshake", all, StringComparison.Ordinal);
            Assert.Matches(@"lifetime, s.*10,001\s+33\.5\s+35\.25\s+36\.75", all);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
