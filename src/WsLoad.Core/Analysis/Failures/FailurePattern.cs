namespace WsLoad.Analysis.Failures;

/// <summary>
/// One pattern found in a run's failures: data for reporters and root-cause ranking, never rendered text beyond the
/// one-line <see cref="Summary"/>. Times are seconds since the run started; a pattern covers whole one-second intervals.
/// </summary>
public sealed record FailurePattern
{
    /// <summary>Stable within one analysis: the kind and its rank by start, e.g. <c>burst-2</c>, <c>cascade-1</c>.</summary>
    public required string Id { get; init; }

    public FailurePatternKind Kind { get; init; }

    /// <summary>Start of the first interval the pattern covers.</summary>
    public double StartSeconds { get; init; }

    /// <summary>End of the last interval it covers.</summary>
    public double EndSeconds { get; init; }

    /// <summary>How many failures it holds (for a group: the group's failing connections or lost messages).</summary>
    public long Size { get; init; }

    /// <summary>The failure kinds in it, most first.</summary>
    public IReadOnlyList<FailureKind> Kinds { get; init; } = [];

    /// <summary>For <see cref="FailurePatternKind.Group"/>: which grouping and which group.</summary>
    public FailureGroup? Group { get; init; }

    /// <summary>For sequences and cascades: the links in time order, each with its delay after the previous one.</summary>
    public IReadOnlyList<ChainLink> Chain { get; init; } = [];

    /// <summary>The figures the pattern rests on.</summary>
    public IReadOnlyList<EvidenceFigure> Evidence { get; init; } = [];

    /// <summary>The evidence in one line of plain words (culture-invariant numbers).</summary>
    public string Summary { get; init; } = "";

    /// <summary>0..1, from the rules in <see cref="FailurePatternRules"/>.</summary>
    public double Confidence { get; init; }

    /// <summary>The rules that set <see cref="Confidence"/>, each as <c>rule: +0.2</c>, in the order applied.</summary>
    public IReadOnlyList<string> ConfidenceRules { get; init; } = [];

    /// <summary>A fault injected (a <c>RunEvent</c>) that started shortly before the pattern: its likely cause; null when none.</summary>
    public LikelyCause? LikelyCause { get; init; }
}
