using WsLoad.Analysis.Anomalies;
using WsLoad.Analysis.Capacity;
using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis;

/// <summary>
/// Everything the analysis says of one run, computed from run.json alone: the failures by kind and their patterns,
/// anomalies and trends of the series, the capacity model, the ranked root-cause hypotheses and the
/// production-readiness verdict. Data only; reporters render it. <see cref="SchemaVersion"/> versions this block.
/// </summary>
public sealed record RunAnalysis
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required ReadinessVerdict Verdict { get; init; }

    /// <summary>Most likely first.</summary>
    public IReadOnlyList<RootCause> RootCauses { get; init; } = [];

    public required FailureAnalysisResult Failures { get; init; }

    public required AnomalyReport Anomalies { get; init; }

    public required CapacityReport Capacity { get; init; }
}

/// <summary>The production-readiness decision.</summary>
public enum ReadinessDecision
{
    /// <summary>Every check held with margin: ready at this load.</summary>
    Go,

    /// <summary>At least one check failed: not ready; the failing checks say why.</summary>
    NoGo,

    /// <summary>The run cannot tell: the generator saturated, the run was too short, or the samples too few.</summary>
    Inconclusive,
}

/// <summary>How one readiness check came out.</summary>
public enum CheckStatus
{
    Passed,

    /// <summary>Held, but with less margin than the verdict wants (counts against GO, not for NO-GO).</summary>
    Marginal,

    Failed,

    /// <summary>Not judged: no data or no target for it (the reason is in <see cref="ReadinessCheck.Note"/>).</summary>
    NotJudged,
}

/// <summary>
/// One line of the readiness checklist: what was held against what. <see cref="Target"/> and <see cref="Measured"/>
/// are display text (invariant culture, with units); <see cref="Margin"/> is the relative headroom (0.2 = 20% better
/// than the target; negative when missed), null when not judged.
/// </summary>
public sealed record ReadinessCheck(string Name, string Target, string Measured, CheckStatus Status, double? Margin, string? Note = null);

/// <summary>GO / NO-GO / INCONCLUSIVE with its confidence (0..1), the checklist, the reasons in plain words and the risks.</summary>
public sealed record ReadinessVerdict(
    ReadinessDecision Decision,
    double Confidence,
    IReadOnlyList<ReadinessCheck> Checks,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Risks);

/// <summary>
/// One root-cause hypothesis: what most likely caused the run's failures, with the evidence for and against it and a
/// confidence (0..1) from an explicit rule (<see cref="Rule"/> names it; the rules are documented where they are made).
/// <see cref="Kind"/> is a stable kebab-case name, e.g. <c>server-cpu-saturated</c>, <c>connection-limit</c>,
/// <c>generator-saturated</c>, <c>fault-injected</c>.
/// </summary>
public sealed record RootCause(
    string Id,
    string Kind,
    string Statement,
    double Confidence,
    IReadOnlyList<string> Supporting,
    IReadOnlyList<string> Contradicting,
    string Rule);
