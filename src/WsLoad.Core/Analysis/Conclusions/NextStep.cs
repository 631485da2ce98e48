using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis.Conclusions;

/// <summary>
/// A next step a run's figures call for, as data: which (<see cref="Id"/>, one of <see cref="NextStepIds"/>) and the
/// figures that call for it. Made by <see cref="NextStepRules"/>; reporters phrase the action and its evidence.
/// </summary>
public sealed record NextStep
{
    public required string Id { get; init; }

    /// <summary>The figures that call for it, named in kebab-case (each id's figures are listed with it in <see cref="NextStepIds"/>).</summary>
    public IReadOnlyList<EvidenceFigure> Evidence { get; init; } = [];

    /// <summary>Counts it quotes by name (HTTP statuses, close codes), most first; empty when none.</summary>
    public IReadOnlyList<NamedCount> Breakdown { get; init; } = [];

    /// <summary>A text of run.json it quotes as it is (the ephemeral port range, why the run stopped); null when run.json has none.</summary>
    public string? Quote { get; init; }
}
