using System.Globalization;

namespace WsLoad.Suites;

/// <summary>
/// The suite's one answer, from its scenarios' outcomes and its targets. Scenarios that could not tell (inconclusive,
/// interrupted, skipped) are counted twice: once as if they had passed and once as if they had failed. When the targets
/// hold even with them failed, the suite is GO; when the targets are missed even with them passed, it is NO-GO;
/// otherwise they decide it, and it is INCONCLUSIVE. Scenarios that do not apply (they need the suite's own server
/// and it ran against another) are left out of the counts.
/// </summary>
public static class SuiteVerdict
{
    public const string Go = "GO";
    public const string NoGo = "NO-GO";
    public const string Inconclusive = "INCONCLUSIVE";

    public static (string Verdict, IReadOnlyList<SuiteTargetResult> Targets) Judge(IReadOnlyList<SuiteScenarioResult> scenarios, IReadOnlyList<string> targets, bool interrupted)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(targets);
        var counted = scenarios.Where(s => s.Outcome != ScenarioOutcome.NotApplicable).ToList();
        var passed = counted.Count(s => s.Outcome == ScenarioOutcome.Passed);
        var failed = counted.Count(s => s.Outcome == ScenarioOutcome.Failed);
        var skipped = counted.Count(s => s.Outcome == ScenarioOutcome.Skipped);
        var unknown = counted.Count(s => s.Outcome is ScenarioOutcome.Inconclusive or ScenarioOutcome.Interrupted or ScenarioOutcome.Skipped);
        var checksFailed = scenarios.Sum(s => s.After.Count(c => !c.Passed));

        var results = new List<SuiteTargetResult>();
        var pessimistic = true;
        var optimistic = true;
        foreach (var text in targets)
        {
            var target = SuiteTarget.Parse(text);
            var (worst, best, shown) = target.Metric switch
            {
                "scenarios.passed" => Passed(target, passed, unknown, counted.Count),
                "scenarios.failed" => (failed + unknown, failed, $"{failed}"),
                "scenarios.skipped" => (skipped, skipped, $"{skipped}"),
                _ => (checksFailed, checksFailed, $"{checksFailed}"),
            };
            var worstMet = target.IsMetBy(worst);
            var bestMet = target.IsMetBy(best);
            pessimistic &= worstMet;
            optimistic &= bestMet;
            if (unknown > 0 && worstMet != bestMet)
            {
                shown += $" ({unknown} could not tell)";
            }

            results.Add(new SuiteTargetResult(target.Text, shown, bestMet && worstMet));
        }

        var verdict = counted.Count == 0 || interrupted ? Inconclusive
            : pessimistic ? Go
            : !optimistic ? NoGo
            : Inconclusive;
        return (verdict, results);
    }

    // scenarios.passed: the worst case counts the unknown ones as not passed, the best as passed.
    private static (double Worst, double Best, string Shown) Passed(SuiteTarget target, int passed, int unknown, int total)
    {
        if (!target.Percent)
        {
            return (passed, passed + unknown, passed.ToString(CultureInfo.InvariantCulture));
        }

        double Share(int count) => total == 0 ? 0 : 100.0 * count / total;
        return (Share(passed), Share(passed + unknown), string.Create(CultureInfo.InvariantCulture, $"{Share(passed):0.#}% ({passed} of {total})"));
    }
}
