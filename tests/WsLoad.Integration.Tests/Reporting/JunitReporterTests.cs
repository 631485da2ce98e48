using System.Text;
using System.Xml.Linq;
using WsLoad.Reporting.Junit;
using WsLoad.Results;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Reporting;

/// <summary>The JUnit XML report: a snapshot in two cultures, and the checks it derives from run.json read back with XDocument.</summary>
public sealed class JunitReporterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public async Task The_fixture_report_matches_its_snapshot_in_any_culture(string culture)
    {
        var bytes = await ReportFixtures.RenderAsync(new JunitReporter(), ReportFixtures.WithSeries(), culture);

        await ReportFixtures.AssertSnapshotAsync("fixture-junit.xml", bytes, culture);
    }

    [Fact]
    public async Task Each_threshold_is_a_test_case_and_a_failed_one_a_failure_with_the_measured_value()
    {
        var result = ReportFixtures.Fixture();
        var suite = (await ParseAsync(result)).Root!.Element("testsuite")!;

        Assert.Equal("wsload fixture", (string?)suite.Attribute("name"));
        Assert.Equal("53.25", (string?)suite.Attribute("time"));
        Assert.Equal(["run completed", "rtt.p99 < 500ms", "connect.success > 99.99%", "generator not saturated"], Cases(suite).Select(c => (string?)c.Attribute("name")));
        Assert.Equal(result.Thresholds.Count, Cases(suite).Count(c => (string?)c.Attribute("classname") == "wsload.thresholds"));
        Assert.Equal(["connect.success > 99.99%"], Cases(suite).Where(c => c.Element("failure") is not null).Select(c => (string?)c.Attribute("name")));
        Assert.Equal("measured 99.98", (string?)Case(suite, "connect.success > 99.99%").Element("failure")!.Attribute("message"));

        // Resources were not sampled in this run: run.json cannot tell whether the generator kept up.
        Assert.Equal("resources were not sampled", (string?)Case(suite, "generator not saturated").Element("skipped")!.Attribute("message"));
        Assert.Equal(["4", "1", "0", "1"], new[] { "tests", "failures", "errors", "skipped" }.Select(a => (string?)suite.Attribute(a)));
    }

    [Fact]
    public async Task A_failed_threshold_says_which_phase_it_was_judged_on()
    {
        var result = SampleRuns.Result(RunStatus.Completed) with
        {
            Thresholds =
            [
                new ThresholdResult { Expression = "rtt.p99 < 5ms", Phase = "hold", Value = 12.5, Passed = false },
                new ThresholdResult { Expression = "errors.rate < 1%", Phase = "all", Value = 2, Passed = false },
                new ThresholdResult { Expression = "rtt.p99{phase:ramp-up} < 5ms", Phase = "ramp-up", Value = 7, Passed = false },
            ],
        };

        var suite = (await ParseAsync(result)).Root!.Element("testsuite")!;

        Assert.Equal("measured 12.5 in the hold phase", (string?)Case(suite, "rtt.p99 < 5ms").Element("failure")!.Attribute("message"));
        Assert.Equal("measured 2 over the whole run", (string?)Case(suite, "errors.rate < 1%").Element("failure")!.Attribute("message"));
        Assert.Equal("measured 7 in the ramp-up phase", (string?)Case(suite, "rtt.p99{phase:ramp-up} < 5ms").Element("failure")!.Attribute("message"));
    }

    [Theory]
    [InlineData(RunStatus.Interrupted, "interrupted by signal")]
    [InlineData(RunStatus.Aborted, "the run was aborted")]
    public async Task An_interrupted_or_aborted_run_fails_run_completed_with_its_reason(RunStatus status, string message)
    {
        var suite = (await ParseAsync(SampleRuns.Result(status))).Root!.Element("testsuite")!;

        var failure = Case(suite, "run completed").Element("failure");
        Assert.NotNull(failure);
        Assert.Equal(message, (string?)failure.Attribute("message"));
        Assert.Null(Case(suite, "connect.success > 99.99%").Element("failure"));
    }

    [Fact]
    public async Task A_completed_run_with_a_generator_that_kept_up_has_no_failure()
    {
        var result = SampleRuns.Result(RunStatus.Completed) with { GeneratorHealth = new GeneratorHealth { Saturated = false, MaxCpuPercent = 40 } };

        var suite = (await ParseAsync(result)).Root!.Element("testsuite")!;

        Assert.Equal(4, Cases(suite).Count());
        Assert.All(Cases(suite), c => Assert.Empty(c.Elements()));
        Assert.Equal("0", (string?)suite.Attribute("failures"));
    }

    [Fact]
    public async Task A_saturated_generator_fails_its_check_with_the_periods()
    {
        var suite = (await ParseAsync(ReportFixtures.WithSeries())).Root!.Element("testsuite")!;

        var failure = Case(suite, "generator not saturated").Element("failure")!;
        Assert.Equal("saturated for 1 interval(s): 1-2 s (generator-cpu, scheduling-lag)", (string?)failure.Attribute("message"));
        Assert.Contains("partly the generator's own delay", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_checkpoint_is_a_test_case_that_fails_when_an_abort_a_ramp_down_or_an_alert_fired()
    {
        var suite = (await ParseAsync(ReportFixtures.StoppedByCheckpoint())).Root!.Element("testsuite")!;

        var checkpoints = Cases(suite).Where(c => (string?)c.Attribute("classname") == "wsload.checkpoints").ToList();
        Assert.Equal(["crowded", "refusal alert", "slow replies", "errors.rate[5s] > 5%", "saturated"], checkpoints.Select(c => (string?)c.Attribute("name")));
        Assert.Equal(["crowded", "refusal alert", "slow replies"], checkpoints.Where(c => c.Element("failure") is not null).Select(c => (string?)c.Attribute("name")));

        var abort = Case(suite, "slow replies").Element("failure")!;
        Assert.Equal(("checkpoint-abort", "fired at 12 s, worst 813 ms; action abort: stopped the run"), ((string?)abort.Attribute("type"), (string?)abort.Attribute("message")));
        Assert.Contains("12 s: slow replies: rtt.p99[10s] > 500ms for 2s held (rtt.p99[10s] = 812.5 ms) → abort", abort.Value, StringComparison.Ordinal);
        var rampDown = Case(suite, "crowded").Element("failure")!;
        Assert.Equal(("checkpoint-ramp-down", "fired at 5 s, worst 250; action ramp-down"), ((string?)rampDown.Attribute("type"), (string?)rampDown.Attribute("message")));
        Assert.Contains("closed 63 of 250 open connections", rampDown.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("run-aborted", rampDown.Value, StringComparison.Ordinal);
        Assert.Equal("fired at 6 s, worst 4; action alert", (string?)Case(suite, "refusal alert").Element("failure")!.Attribute("message"));

        // Never fired: passes. A pause-ramp says the level it found, fired or not.
        Assert.Empty(Case(suite, "errors.rate[5s] > 5%").Elements());
        Assert.Null(Case(suite, "saturated").Element("failure"));
        Assert.StartsWith("highest level held healthy: 250 connections (at 5 s).", (string?)Case(suite, "saturated").Element("system-out"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pause_ramp_or_a_mark_that_fired_passes()
    {
        var probe = ReportFixtures.CapacityProbe();
        var result = probe with
        {
            Checkpoints = probe.Checkpoints! with { Items = [probe.Checkpoints.Items[0], probe.Checkpoints.Items[1] with { Fired = 2, FirstFiredSeconds = 7, SecondsHeld = 3, WorstValue = 250.5 }] },
        };

        var suite = (await ParseAsync(result)).Root!.Element("testsuite")!;

        var pauseRamp = Case(suite, "refusals");
        Assert.Null(pauseRamp.Element("failure"));
        Assert.Equal(
            "highest level held healthy: 300 connections (at 5 s).\nconnections.failed[2s] > 0 fired 3 time(s), first at 6 s, and held 9 of 16 judged second(s).",
            (string?)pauseRamp.Element("system-out"));
        Assert.Null(Case(suite, "rtt.p99[5s] > 200ms").Element("failure"));
        Assert.DoesNotContain(Cases(suite).Where(c => (string?)c.Attribute("classname") == "wsload.checkpoints"), c => c.Element("failure") is not null);
    }

    [Fact]
    public async Task Characters_xml_cannot_carry_are_replaced_and_the_document_still_parses()
    {
        var result = SampleRuns.Result(RunStatus.Aborted) with { StatusReason = "server said \u0001<bye> & \"left\"\n\uD800" };

        var suite = (await ParseAsync(result)).Root!.Element("testsuite")!;

        Assert.Equal("server said \uFFFD<bye> & \"left\"\n\uFFFD", (string?)Case(suite, "run completed").Element("failure")!.Attribute("message"));
    }

    private static async Task<XDocument> ParseAsync(RunResult result)
    {
        var bytes = await ReportFixtures.RenderAsync(new JunitReporter(), result);
        Assert.NotEqual(0xEF, bytes[0]); // no byte-order mark
        return XDocument.Parse(Encoding.UTF8.GetString(bytes));
    }

    private static IEnumerable<XElement> Cases(XElement suite) => suite.Elements("testcase");

    private static XElement Case(XElement suite, string name) => Cases(suite).Single(c => (string?)c.Attribute("name") == name);
}
