namespace WsLoad.Analysis.Failures;

/// <summary>An error class of run.json and the kind it maps to, with the HTTP status or close code the class names.</summary>
public sealed record FailureClassification
{
    /// <summary>The class as run.json writes it, e.g. <c>upgrade-rejected-503</c> or <c>close-1006-reset</c>.</summary>
    public required string Class { get; init; }

    public FailureKind Kind { get; init; }

    /// <summary>The HTTP status of a rejected upgrade, when the class names one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The WebSocket close code, for <c>close-…</c> classes.</summary>
    public int? CloseCode { get; init; }
}
