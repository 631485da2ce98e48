using System.Text;
using WsLoad.Reporting;
using WsLoad.Reporting.Html;
using WsLoad.Reporting.Model;
using WsLoad.Reporting.Pdf;
using WsLoad.Results;

namespace WsLoad.Tests.Reporting;

/// <summary>
/// A scenario's live checkpoints in the full reports: each checkpoint's figures as run.json has them, the capacity answer
/// of a pause-ramp checkpoint in the key figures and under the table, the checkpoint that stopped a run, and checkpoint
/// events named on the charts. A run without checkpoints shows none of it.
/// </summary>
public sealed class CheckpointsInReportsTests
{
    [Fact]
    public async Task Markdown_shows_each_checkpoint_and_the_highest_level_held_healthy()
    {
        var markdown = await MarkdownAsync(ReportFixtures.CapacityProbe());

        Assert.Contains("### Checkpoints", markdown, StringComparison.Ordinal);
        Assert.Contains("| checkpoint | condition | action | fired | first at | held s | worst |", markdown, StringComparison.Ordinal);
        Assert.Contains("| refusals | connections.failed[2s] > 0 | pause-ramp | 3 | 6 s | 9 of 16 | 61 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| - | rtt.p99[5s] > 200ms | mark | 0 | - | 0 of 16 | - |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Highest level held healthy: 300 connections (at 5 s).**", markdown, StringComparison.Ordinal);
        Assert.Contains("| highest level held healthy | 300 (at 5 s) | - | - |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("No pause-ramp checkpoint fired", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_stopped_by_a_checkpoint_names_it_in_the_verdict_and_the_table()
    {
        var result = ReportFixtures.StoppedByCheckpoint();
        var markdown = await MarkdownAsync(result);

        Assert.Contains("# fixture: ABORTED", markdown, StringComparison.Ordinal);
        Assert.Contains("The run was aborted after 12.4 s by its checkpoint 'slow replies': rtt.p99[10s] > 500ms for 2s held from 12 s (worst 813 ms).", markdown, StringComparison.Ordinal);
        Assert.Contains("| slow replies | rtt.p99[10s] > 500ms for 2s | abort: stopped the run | 1 | 12 s | 1 of 12 | 813 ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("| crowded | connections.open > 200 | ramp-down | 1 | 5 s | 1 of 12 | 250 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| - | errors.rate[5s] > 5% | mark | 0 | - | 0 of 12 | - |", markdown, StringComparison.Ordinal);
        Assert.Contains("| saturated | generator.saturated for 3s | pause-ramp | 0 | - | 0 of 12 | - |", markdown, StringComparison.Ordinal);

        // Its pause-ramp never fired: the level is a floor, and the report says so.
        Assert.Contains("No pause-ramp checkpoint fired: the ramp was never held back, so the capacity is at least this", markdown, StringComparison.Ordinal);

        // The timeline lists the ramp-down and the abort with the firings.
        Assert.Contains("| 5 s | run | ramp-down | checkpoint 'crowded' ramped the run down: closed 63 of 250 open connections, and opens no more | - | 63 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 12 s | run | run-aborted |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_checkpoints_has_no_checkpoint_table_and_no_capacity_figure()
    {
        var result = ReportFixtures.Fixture();
        var markdown = await MarkdownAsync(result);
        var html = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new HtmlReporter(), result));

        Assert.DoesNotContain("Checkpoints", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("held healthy", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"checkpoints\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyFigure.Of(result), f => f.Metric == "checkpoints.highestHealthyLevel");
    }

    [Fact]
    public async Task Html_shows_the_table_in_the_executive_summary_with_the_abort_marked()
    {
        var html = Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new HtmlReporter(), ReportFixtures.StoppedByCheckpoint()));

        var summary = html.IndexOf("<section id=\"summary\">", StringComparison.Ordinal);
        var table = html.IndexOf("<div id=\"checkpoints\">", StringComparison.Ordinal);
        Assert.True(summary > 0 && table > summary && table < html.IndexOf("</section>", summary, StringComparison.Ordinal), "the checkpoints are in the executive summary");
        Assert.Contains("<td class=\"missed\">abort: stopped the run</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>slow replies</td><td>rtt.p99[10s] &gt; 500ms for 2s</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">813 ms</td>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"healthy-level\" id=\"healthy-level\"><strong>Highest level held healthy: 250 connections (at 5 s).</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_shows_the_checkpoints_and_the_capacity_line()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var pdf = Path.Combine(Path.GetTempPath(), $"wsload-checkpoints-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(pdf, await ReportFixtures.RenderAsync(new PdfReporter(), ReportFixtures.CapacityProbe()), timeout.Token);

            // pdftotext keeps a table row on one line, its cells apart by spaces.
            var text = await PdfTools.TextAsync(pdf, timeout.Token);
            Assert.Contains("Checkpoints", text, StringComparison.Ordinal);
            Assert.Matches(@"refusals\s+connections\.failed\[2s\] > 0\s+pause-ramp\s+3\s+6 ?s\s+9 of 16\s+61", text);
            Assert.Contains("Highest level held healthy: 300 connections (at 5 s).", text, StringComparison.Ordinal);
            Assert.Matches(@"highest level held healthy\s+300 \(at 5 s\)", text);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    [Fact]
    public void The_capacity_figure_is_a_key_figure_beside_the_peak()
    {
        var figures = KeyFigure.Of(ReportFixtures.CapacityProbe());

        var peak = figures.ToList().FindIndex(f => f.Metric == "connections.peak");
        var healthy = figures[peak + 1];
        Assert.Equal(("highest level held healthy", "checkpoints.highestHealthyLevel", 300.0, "300 (at 5 s)", FigureStatus.NoTarget),
            (healthy.Name, healthy.Metric, healthy.Value, healthy.Display, healthy.Status));
    }

    [Fact]
    public void Chart_markers_name_the_checkpoint_that_fired_or_cleared_and_what_a_ramp_down_closed()
    {
        var chart = ReportCharts.Of(ReportFixtures.StoppedByCheckpoint()).First(c => c.Id == "connections");

        Assert.Equal(
            [
                (5.001, "crowded fired"), (5.001, "ramp-down (closed 63)"), (6.001, "crowded cleared"), (6.001, "refusal alert fired"),
                (8.001, "refusal alert cleared"), (12.002, "slow replies fired"), (12.002, "run-aborted"),
            ],
            chart.Markers.Select(m => (m.X, m.Label)));
    }

    [Fact]
    public void An_event_is_matched_to_its_checkpoint_by_name_and_condition_and_an_unnamed_one_by_its_condition()
    {
        var probe = ReportFixtures.CapacityProbe();
        var unnamed = new RunEvent { Kind = "checkpoint-fired", Description = "rtt.p99[5s] > 200ms held (rtt.p99[5s] = 250 ms) → mark" };
        var other = new RunEvent { Kind = "connections-dropped", Description = "refusals: connections.failed[2s] > 0 held" };

        Assert.Equal("refusals", CheckpointTables.Of(probe.Events[0], probe.Checkpoints)?.Name);
        Assert.Equal("rtt.p99[5s] > 200ms", CheckpointTables.Of(unnamed, probe.Checkpoints)?.Name);
        Assert.Null(CheckpointTables.Of(other, probe.Checkpoints));
        Assert.Null(CheckpointTables.Of(probe.Events[0], null));
    }

    private static async Task<string> MarkdownAsync(RunResult result) =>
        Encoding.UTF8.GetString(await ReportFixtures.RenderAsync(new MarkdownReporter(), result));
}
