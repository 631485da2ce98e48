namespace WsLoad.Analysis.Failures;

/// <summary>What <see cref="FailureAnalysis.Analyze"/> found in a run: failures counted by kind, and the patterns.</summary>
public sealed record FailureAnalysisResult
{
    /// <summary>Failures by kind, most first (ties by kind).</summary>
    public IReadOnlyList<FailureKindCount> Taxonomy { get; init; } = [];

    /// <summary>Patterns by start time, then kind, then id.</summary>
    public IReadOnlyList<FailurePattern> Patterns { get; init; } = [];

    /// <summary>Error classes no rule knows (mapped to <see cref="FailureKind.Unknown"/>), so a new engine class shows up.</summary>
    public IReadOnlyList<string> UnmappedClasses { get; init; } = [];
}
