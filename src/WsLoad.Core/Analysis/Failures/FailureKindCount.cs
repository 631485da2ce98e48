namespace WsLoad.Analysis.Failures;

/// <summary>How many failures of one kind a run had, and the classes (or summary counters) they came from.</summary>
public sealed record FailureKindCount
{
    public FailureKind Kind { get; init; }

    /// <summary>The sum of <see cref="Sources"/>; in <see cref="Unit"/>.</summary>
    public long Count { get; init; }

    /// <summary><c>failures</c> (error classes), <c>messages</c> (late, duplicated, out of order) or <c>intervals</c> (saturated seconds).</summary>
    public string Unit { get; init; } = TaxonomyUnits.Failures;

    /// <summary>Where the count comes from, most first: error classes, or summary counters such as <c>summary.messages.late</c>.</summary>
    public IReadOnlyList<FailureClassCount> Sources { get; init; } = [];
}

/// <summary>One error class (or summary counter) of a <see cref="FailureKindCount"/>.</summary>
public sealed record FailureClassCount
{
    public required FailureClassification Classification { get; init; }

    public long Count { get; init; }
}

/// <summary>The units of <see cref="FailureKindCount.Unit"/>.</summary>
public static class TaxonomyUnits
{
    public const string Failures = "failures";
    public const string Messages = "messages";
    public const string Intervals = "intervals";
}
