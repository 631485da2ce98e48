using System.Globalization;
using WsLoad.Analysis;
using WsLoad.Cli;
using WsLoad.Cli.Console;
using WsLoad.Results;

namespace WsLoad.Tests.Cli;

public class SummaryRendererTests
{
    private static string Render(RunResult result, int width = 120)
    {
        using var output = new StringWriter();
        var console = CliConsole.Plain(output, TextWriter.Null, width);
        console.Ansi.Write(SummaryRenderer.Render(result, "out/run.json"));
        return output.ToString();
    }

    [Fact]
    public void The_summary_shows_the_key_numbers_of_every_section()
    {
        var text = Render(SampleRuns.Result());

        foreach (var expected in new[]
        {
            "10,000", "9,998", "9,997", "513/s",                  // connections
            "299,940", "299,900", "9,996.5",                      // messages, throughput (no phases: the summary's)
            "1.25", "3.5", "4.75", "12.3", "45.6", "251", "1.88",   // rtt percentiles, max (250.5 rounds up), mean
            "0.875", "7.13", "31.5",                                // connect latency
            "rtt.p99 < 500ms", "connect.success > 99.99%", "99.98", "PASS",
            "connect_timeout", "server_close",
            "PASSED:", "out/run.json",
        })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void The_summary_leads_with_the_hold_beside_the_whole_run()
    {
        var text = Render(SampleRuns.WithHoldAndEnds(SampleRuns.Result()));

        var table = text.IndexOf("Steady state (hold) and whole run", StringComparison.Ordinal);
        Assert.True(table > 0 && table < text.IndexOf("Connections", StringComparison.Ordinal), "the hold's table comes first");
        Assert.Matches(@"│\s*hold \(20-50 s\)\s*│\s*whole run\s*│", text);
        Assert.Matches(@"throughput, msg/s received\s*│\s*9,996.5\s*│\s*5,631.9\s*│", text);
        Assert.Matches(@"service time \(rtt\) p99, ms\s*│\s*8.63\s*│\s*12.34\s*│", text);
        Assert.Contains("Latency, whole run (ms)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_threshold_says_which_phase_it_judged()
    {
        var result = SampleRuns.Result() with
        {
            Thresholds =
            [
                new ThresholdResult { Expression = "rtt.p99 < 500ms", Phase = "hold", Value = 8.63, Passed = true },
                new ThresholdResult { Expression = "connect.success > 99.99%", Phase = "all", Value = 99.98, Passed = false },
            ],
        };

        var text = Render(result);

        Assert.Matches(@"rtt\.p99 < 500ms\s*│\s*hold\s*│\s*8\.63\s*│", text);
        Assert.Matches(@"connect\.success > 99\.99%\s*│\s*whole run\s*│\s*99\.98\s*│", text);
    }

    [Fact]
    public void Without_a_hold_the_summary_shows_the_whole_run_only_and_says_so()
    {
        var text = Render(SampleRuns.Result());

        Assert.Contains("Whole run (no hold figures)", text, StringComparison.Ordinal);
        Assert.Matches(@"service time \(rtt\) p99, ms\s*│\s*12.34\s*│\n", text);
        Assert.DoesNotContain("hold (", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unanswered_at_close_sits_next_to_lost_and_the_close_handshake_and_lifetime_are_shown()
    {
        var text = Render(SampleRuns.WithHoldAndEnds(SampleRuns.Result()));

        Assert.Matches(@"lost\s*│\s*40\s*│\s*\n│ unanswered at close \(not lost\)\s*│\s*7\s*│", text);
        Assert.Contains("unanswered at close: still in flight when this side closed; not lost, not an error", Unwrapped(text), StringComparison.Ordinal);
        Assert.Matches(@"close\s*│\s*9,995\s*│\s*0.625\s*│", text);
        Assert.Matches(@"lifetime p50/p99/max\s*│\s*33.5/36.8/37.5 s\s*│", text);
        Assert.Contains(", hold rtt p99 8.63 ms", SummaryRenderer.VerdictLine(SampleRuns.WithHoldAndEnds(SampleRuns.Result()), null), StringComparison.Ordinal);
        Assert.DoesNotContain("still in flight", Render(SampleRuns.Result()), StringComparison.Ordinal); // none unanswered: no caption
    }

    [Fact]
    public void Connections_and_reconnects_are_counted_apart()
    {
        var result = SampleRuns.DropRun();

        var line = SummaryRenderer.VerdictLine(result, null);
        var text = Render(result);

        Assert.Contains(": 2,000/2,000 connected, 1,000/1,000 reconnected, ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("3,000", line, StringComparison.Ordinal);
        Assert.Matches(@"attempted\s*│\s*2,000\s", text);
        Assert.Matches(@"established\s*│\s*2,000\s", text);
        Assert.Matches(@"reconnected\s*│\s*1,000/1,000\s", text);
        Assert.DoesNotContain("3,000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reconnect", Render(SampleRuns.Result()), StringComparison.Ordinal); // no policy, nothing dropped
    }

    [Fact]
    public void Numbers_are_invariant_under_a_comma_decimal_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var text = Render(SampleRuns.Result());

            Assert.Contains("513", text);
            Assert.Contains("1.25", text);
            Assert.DoesNotContain("512,75", text);
            Assert.DoesNotContain("1,25 ", text);
            Assert.DoesNotContain("10.000", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(ReadinessDecision.NoGo, "NO-GO: 9,998/10,000 connected, ", "; readiness verdict, no thresholds set: throughput missed its target; results: out/run.json")]
    [InlineData(ReadinessDecision.Inconclusive, "INCONCLUSIVE: 9,998/10,000 connected, ", "; readiness verdict, no thresholds set: throughput missed its target; results: out/run.json")]
    [InlineData(ReadinessDecision.Go, "GO: 9,998/10,000 connected, ", "; readiness verdict, no thresholds set; results: out/run.json")]
    public void Without_thresholds_the_last_line_leads_with_the_readiness_verdict(ReadinessDecision decision, string start, string end)
    {
        var result = WithReadiness(SampleRuns.Result() with { Thresholds = [] }, decision, "throughput missed its target");

        var line = SummaryRenderer.VerdictLine(result, "out/run.json");

        Assert.StartsWith(start, line, StringComparison.Ordinal);
        Assert.EndsWith(end, line, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED", line, StringComparison.Ordinal);
        Assert.EndsWith(line, Unwrapped(Render(result)), StringComparison.Ordinal); // the summary's last line
    }

    [Theory]
    [InlineData(RunStatus.Completed, "PASSED: ", ", thresholds 2/2 passed; readiness NO-GO: throughput missed its target")]
    [InlineData(RunStatus.ThresholdsFailed, "FAILED: ", ", thresholds 1/2 passed; readiness NO-GO: throughput missed its target")]
    public void With_thresholds_the_last_line_leads_with_them_and_still_states_the_readiness_verdict(RunStatus status, string start, string end)
    {
        var line = SummaryRenderer.VerdictLine(WithReadiness(SampleRuns.Result(status), ReadinessDecision.NoGo, "throughput missed its target"), null);

        Assert.StartsWith(start, line, StringComparison.Ordinal);
        Assert.EndsWith(end, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_thresholds_or_an_analysis_the_last_line_claims_no_pass()
    {
        var line = SummaryRenderer.VerdictLine(SampleRuns.Result() with { Thresholds = [] }, null);

        Assert.StartsWith("COMPLETED: ", line, StringComparison.Ordinal);
        Assert.EndsWith("; no thresholds set and no readiness verdict (the analysis failed; wsload analyze run.json shows why)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_threshold_is_marked_fail_and_the_verdict_says_failed()
    {
        var result = SampleRuns.Result(RunStatus.ThresholdsFailed);

        var text = Render(result);

        Assert.Contains("FAIL", text.Replace("FAILED", "", StringComparison.Ordinal));
        Assert.StartsWith("FAILED:", SummaryRenderer.VerdictLine(result, null));
        Assert.Contains("thresholds 1/2 passed", SummaryRenderer.VerdictLine(result, null));
    }

    [Fact]
    public void The_verdict_of_an_interrupted_run_gives_the_reason_and_the_file()
    {
        var line = SummaryRenderer.VerdictLine(SampleRuns.Result(RunStatus.Interrupted), "r/run.json");

        Assert.StartsWith("INTERRUPTED: 9,998/10,000 connected", line);
        Assert.Contains("(interrupted by signal)", line);
        Assert.EndsWith("results: r/run.json", line);
    }

    [Fact]
    public void A_run_without_latency_samples_says_so_instead_of_showing_zeros()
    {
        var result = SampleRuns.Result() with
        {
            Summary = SampleRuns.Result().Summary with { LatencyMs = new LatencySummaries() },
        };

        var text = Render(result);

        Assert.Contains("Latency, whole run (ms): no samples", text);
        Assert.Contains("rtt p99 - ms", SummaryRenderer.VerdictLine(result, null));
    }

    [Fact]
    public void Checkpoints_are_a_table_and_a_pause_ramp_gives_the_highest_level_held_healthy()
    {
        // 80 columns, as the summary is printed when stdout is not a terminal: each condition still on one line.
        var text = Render(Reporting.ReportFixtures.CapacityProbe(), width: 80);

        Assert.Contains("Checkpoints", text, StringComparison.Ordinal);
        Assert.Matches(@"│ refusals\s*│ pause-ramp │\s*3 │\s*6 s │\s*9 of 16 │\s*61 │", text);
        Assert.Matches(@"│ connections\.failed\[2s\] > 0\s*│", text);
        Assert.Matches(@"│ rtt\.p99\[5s\] > 200ms\s*│ mark\s*│\s*0 │\s*- │\s*0 of 16 │\s*- │", text);
        Assert.Contains("highest level held healthy: 300 connections (at 5 s)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Checkpoints", Render(SampleRuns.Result()), StringComparison.Ordinal);
        Assert.DoesNotContain("held healthy", Render(SampleRuns.Result()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_stopped_by_a_checkpoint_says_which_one_under_the_table_and_in_the_last_line()
    {
        var result = Reporting.ReportFixtures.StoppedByCheckpoint();

        var text = Render(result, width: 80);

        Assert.Contains("checkpoint 'slow replies' stopped the run at 12 s", text, StringComparison.Ordinal);
        Assert.Matches(@"│ slow replies\s*│ abort\s*│\s*1 │\s*12 s │\s*1 of 12 │\s*813 ms │", text);
        Assert.StartsWith("ABORTED: ", SummaryRenderer.VerdictLine(result, null), StringComparison.Ordinal);
        Assert.Contains("(checkpoint 'slow replies': ", SummaryRenderer.VerdictLine(result, null), StringComparison.Ordinal);
        Assert.Contains("No pause-ramp checkpoint fired", Unwrapped(text), StringComparison.Ordinal);
        Assert.DoesNotContain("stopped the run", Render(Reporting.ReportFixtures.CapacityProbe()), StringComparison.Ordinal);
    }

    /// <summary>The rendered text on one line, as the console wraps it at its width.</summary>
    private static string Unwrapped(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text.ReplaceLineEndings(" "), " +", " ").TrimEnd();

    private static RunResult WithReadiness(RunResult result, ReadinessDecision decision, string reason) => result with
    {
        Analysis = RunAnalyzer.Analyze(result) with { Verdict = new ReadinessVerdict(decision, 0.9, [], [reason, "a second reason"], []) },
    };

    [Fact]
    public void A_saturated_generator_is_called_out_with_its_periods()
    {
        var result = SampleRuns.Result() with
        {
            GeneratorHealth = new GeneratorHealth
            {
                Saturated = true,
                SaturatedIntervals = 3,
                Periods = [new SaturationPeriod { FromSeconds = 12, ToSeconds = 15, Reasons = ["machine-cpu", "scheduling-lag"] }],
            },
        };

        var text = Render(result);

        Assert.Contains("The generator was saturated for 3 interval(s): 12-15 s (machine-cpu, scheduling-lag)", text.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
        Assert.DoesNotContain("saturated", Render(SampleRuns.Result()), StringComparison.Ordinal);
    }
}
