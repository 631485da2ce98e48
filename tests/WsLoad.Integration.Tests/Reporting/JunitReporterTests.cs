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
