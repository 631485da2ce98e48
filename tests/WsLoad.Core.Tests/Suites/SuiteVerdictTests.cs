using WsLoad.Suites;

namespace WsLoad.Tests.Suites;

/// <summary>The suite's verdict: GO when the targets hold even counting the unknowns as failed, NO-GO when they fail even counting them passed.</summary>
public class SuiteVerdictTests
{
    [Fact]
    public void Every_scenario_passed_is_go()
    {
        var (verdict, targets) = SuiteVerdict.Judge([Of(ScenarioOutcome.Passed), Of(ScenarioOutcome.Passed)], Suite.DefaultTargets);

        Assert.Equal(SuiteVerdict.Go, verdict);
        Assert.Equal(new SuiteTargetResult("scenarios.passed == 100%", "100% (2 of 2)", true), targets.Single());
    }

    [Fact]
    public void A_failed_scenario_under_the_default_target_is_no_go()
    {
        var (verdict, _) = SuiteVerdict.Judge([Of(ScenarioOutcome.Passed), Of(ScenarioOutcome.Failed), Of(ScenarioOutcome.Inconclusive)], Suite.DefaultTargets);

        Assert.Equal(SuiteVerdict.NoGo, verdict);
    }

    [Fact]
    public void An_inconclusive_scenario_that_decides_the_target_makes_the_suite_inconclusive()
    {
        var (verdict, targets) = SuiteVerdict.Judge([Of(ScenarioOutcome.Passed), Of(ScenarioOutcome.Inconclusive)], Suite.DefaultTargets);

        Assert.Equal(SuiteVerdict.Inconclusive, verdict);
        Assert.Equal("50% (1 of 2) (1 could not tell)", targets.Single().Measured);
    }

    [Fact]
    public void A_share_target_tolerates_what_it_says()
    {
        var outcomes = Enumerable.Repeat(Of(ScenarioOutcome.Passed), 19).Append(Of(ScenarioOutcome.Failed)).ToList();

        Assert.Equal(SuiteVerdict.Go, SuiteVerdict.Judge(outcomes, ["scenarios.passed >= 95%"]).Verdict);
        Assert.Equal(SuiteVerdict.NoGo, SuiteVerdict.Judge(outcomes, ["scenarios.passed >= 96%"]).Verdict);
        Assert.Equal(SuiteVerdict.Go, SuiteVerdict.Judge(outcomes, ["scenarios.failed <= 1"]).Verdict);
    }

    [Fact]
    public void Scenarios_that_do_not_apply_are_left_out_and_a_failed_after_check_counts_for_checks_failed()
    {
        var withCheck = Of(ScenarioOutcome.Passed) with { After = [new CheckResult("server-resources", false, "memory 900 MB (bound 500 MB)")] };
        var scenarios = new[] { withCheck, Of(ScenarioOutcome.NotApplicable) };

        Assert.Equal(SuiteVerdict.Go, SuiteVerdict.Judge(scenarios, Suite.DefaultTargets).Verdict);
        Assert.Equal(SuiteVerdict.NoGo, SuiteVerdict.Judge(scenarios, ["checks.failed == 0"]).Verdict);
    }

    [Fact]
    public void An_interrupted_suite_is_still_no_go_when_its_failures_already_decide_it_and_a_suite_with_nothing_to_count_cannot_tell()
    {
        Assert.Equal(SuiteVerdict.NoGo, SuiteVerdict.Judge([Of(ScenarioOutcome.Failed), Of(ScenarioOutcome.Interrupted), Of(ScenarioOutcome.Skipped)], Suite.DefaultTargets).Verdict);
        Assert.Equal(SuiteVerdict.Inconclusive, SuiteVerdict.Judge([Of(ScenarioOutcome.Passed), Of(ScenarioOutcome.Interrupted)], Suite.DefaultTargets).Verdict);
        Assert.Equal(SuiteVerdict.Inconclusive, SuiteVerdict.Judge([Of(ScenarioOutcome.NotApplicable)], Suite.DefaultTargets).Verdict);
    }

    [Fact]
    public void An_exact_count_target_is_certain_only_when_every_count_the_unknowns_allow_meets_it()
    {
        var scenarios = Enumerable.Repeat(Of(ScenarioOutcome.Passed), 14).Concat(Enumerable.Repeat(Of(ScenarioOutcome.Inconclusive), 2)).ToList();

        Assert.Equal(SuiteVerdict.Inconclusive, SuiteVerdict.Judge(scenarios, ["scenarios.passed == 14"]).Verdict);
        Assert.Equal(SuiteVerdict.Inconclusive, SuiteVerdict.Judge(scenarios, ["scenarios.passed == 15"]).Verdict);
        Assert.Equal(SuiteVerdict.NoGo, SuiteVerdict.Judge(scenarios, ["scenarios.passed == 17"]).Verdict);
    }

    [Theory]
    [InlineData("scenarios.failed <= 1%", "scenarios.failed is a count")]
    [InlineData("scenario.passed == 100%", "did you mean 'scenarios.passed'?")]
    [InlineData("scenarios.passed == 120%", "cannot read '120%'")]
    [InlineData("all green", "is not a suite target")]
    public void A_bad_target_says_what_to_write(string text, string expected)
    {
        Assert.False(SuiteTarget.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static SuiteScenarioResult Of(ScenarioOutcome outcome) => new() { Name = outcome.ToString(), Outcome = outcome };
}
