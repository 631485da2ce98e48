using WsLoad.Analysis.Facts;
using WsLoad.Results;

namespace WsLoad.Analysis.Conclusions;

/// <summary>
/// What a report concludes of a run, decided here once and phrased by the reporters: the facts read from the series,
/// the findings and the next steps. Computed from run.json alone, like <see cref="RunAnalysis"/>, and deterministic,
/// so <c>wsload report run.json</c> repeats what the run's own report said.
/// </summary>
public sealed record RunConclusions(RunFacts Facts, IReadOnlyList<Finding> Findings, IReadOnlyList<NextStep> NextSteps)
{
    public static RunConclusions Of(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var facts = RunFacts.Of(run);
        return new(facts, FindingRules.Of(run, facts), NextStepRules.Of(run, facts));
    }
}
