using System.Globalization;

namespace WsLoad.Suites;

/// <summary>
/// The suite's one answer, from its scenarios' outcomes and its targets. A scenario that could not tell (inconclusive,
/// interrupted, skipped) might have passed or failed, so each target is judged at every count those scenarios allow:
/// GO when every target holds at all of them, NO-GO when some target holds at none, and INCONCLUSIVE when they decide
/// it. Scenarios that do not apply (they need the suite's own server and it ran against another) are left out.
/// </summary>
public static class SuiteVerdict
{
    public const string Go = "GO";
    public const string NoGo = "NO-GO";
    public const string Inconclusive = "INCONCLUSIVE";

    public static (string Verdict, IReadOnlyList<SuiteTargetResult> Targets) Judge(IReadOnlyList<SuiteScenarioResult> scenarios, IReadOnlyList<string> targets)
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
        var allCertain = true;
        var someImpossible = false;
        foreach (var text in targets)
        {
            var target = SuiteTarget.Parse(text);
            double Share(int count) => counted.Count == 0 ? 0 : 100.0 * count / counted.Count;
            var (possible, shown) = target.Metric switch
            {
                "scenarios.passed" => (Range(passed, unknown).Select(k => target.Percent ? Share(k) : k).ToList(),
                    target.Percent ? string.Create(CultureInfo.InvariantCulture, $"{Share(passed):0.#}% ({passed} of {counted.Count})") : $"{passed}"),
                "scenarios.failed" => (Range(failed, unknown).Select(k => (double)k).ToList(), $"{failed}"),
                "scenarios.skipped" => ([skipped], $"{skipped}"),
                _ => ([checksFailed], $"{checksFailed}"),
            };
            var certain = possible.All(target.IsMetBy);
            var attainable = possible.Any(target.IsMetBy);
            allCertain &= certain;
            someImpossible |= !attainable;
            if (certain != attainable)
            {
                shown += $" ({unknown} could not tell)";
            }

            results.Add(new SuiteTargetResult(target.Text, shown, certain));
        }

        var verdict = counted.Count == 0 ? Inconclusive
            : allCertain ? Go
            : someImpossible ? NoGo
            : Inconclusive;
        return (verdict, results);
    }

    /// <summary>The counts a figure may reach: what is known, plus any number of the scenarios that could not tell.</summary>
    private static IEnumerable<int> Range(int known, int unknown) => Enumerable.Range(known, unknown + 1);
}
