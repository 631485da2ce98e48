namespace WsLoad.Suites;

/// <summary>The suite's executive summary: its verdict's reasons in plain words, the worst news first.</summary>
internal static class SuiteSummary
{
    public static IReadOnlyList<string> Explain(SuiteResult result)
    {
        var lines = new List<string>();
        var scenarios = result.Scenarios;
        var counted = scenarios.Where(s => s.Outcome != ScenarioOutcome.NotApplicable).ToList();
        var passed = counted.Count(s => s.Outcome == ScenarioOutcome.Passed);
        lines.Add($"{result.Verdict}: {passed} of {counted.Count} scenarios passed"
            + Count(counted, ScenarioOutcome.Failed, "failed") + Count(counted, ScenarioOutcome.Inconclusive, "could not tell")
            + Count(counted, ScenarioOutcome.Interrupted, "interrupted") + Count(counted, ScenarioOutcome.Skipped, "skipped")
            + (scenarios.Count > counted.Count ? $"; {scenarios.Count - counted.Count} did not apply to this target" : "")
            + (result.Interrupted ? "; the suite was interrupted" : ""));
        foreach (var target in result.Targets.Where(t => !t.Passed))
        {
            lines.Add($"target {target.Target}: {target.Measured}");
        }

        foreach (var scenario in scenarios.Where(s => s.Outcome == ScenarioOutcome.Failed))
        {
            lines.Add($"{scenario.Name} failed: {scenario.Reason}");
        }

        foreach (var scenario in scenarios.Where(s => s.Outcome is ScenarioOutcome.Inconclusive or ScenarioOutcome.Interrupted or ScenarioOutcome.Skipped))
        {
            lines.Add($"{scenario.Name}: {scenario.Reason}");
        }

        foreach (var (scenario, check) in scenarios.SelectMany(s => s.After.Where(c => !c.Passed).Select(c => (s, c))))
        {
            lines.Add($"{scenario.Name}: after check {check.Name} failed: {check.Detail}{(check.Remedy is null ? "" : $"; {check.Remedy}")}");
        }

        foreach (var scenario in scenarios.Where(s => s.HighestHealthyLevel is not null))
        {
            lines.Add($"{scenario.Name}: highest level held healthy {scenario.HighestHealthyLevel:N0} connections");
        }

        foreach (var step in result.Cleanup.Where(c => c.ExitCode != 0))
        {
            lines.Add(step.TimedOut ? $"cleanup `{step.Run}` did not finish in time" : $"cleanup `{step.Run}` exited {step.ExitCode}");
        }

        return lines;
    }

    private static string Count(List<SuiteScenarioResult> scenarios, ScenarioOutcome outcome, string what)
    {
        var count = scenarios.Count(s => s.Outcome == outcome);
        return count == 0 ? "" : $", {count} {what}";
    }
}
