using WsLoad.Analysis.Anomalies;
using WsLoad.Analysis.Failures;
using WsLoad.Results;

namespace WsLoad.Analysis.Conclusions;

/// <summary>
/// One observation of a run for the executive summary, as data: what was found (<see cref="Id"/>, one of
/// <see cref="FindingIds"/>; a run has at most one finding of each), how much it matters, how sure it is, and the
/// figures it rests on. Made by <see cref="FindingRules"/>; reporters phrase it and decide nothing.
/// </summary>
public sealed record Finding
{
    public required string Id { get; init; }

    public required FindingSeverity Severity { get; init; }

    /// <summary>High for what was counted or measured; Medium for a heuristic reading of the series (the latency knee).</summary>
    public FindingConfidence Confidence { get; init; } = FindingConfidence.High;

    /// <summary>The figures it rests on, named in kebab-case (each id's figures are listed with it in <see cref="FindingIds"/>).</summary>
    public IReadOnlyList<EvidenceFigure> Evidence { get; init; } = [];

    /// <summary>The error classes behind it, most first, at most three; empty when it has none.</summary>
    public IReadOnlyList<NamedCount> Breakdown { get; init; } = [];

    /// <summary>For <see cref="FindingIds.GeneratorSaturated"/>: the stretches the generator was saturated.</summary>
    public IReadOnlyList<SaturationPeriod> Periods { get; init; } = [];
}
