using WsLoad.Results;

namespace WsLoad.Analysis.Failures;

/// <summary>A fault event that started within <see cref="FailurePatternRules.CauseWindowSeconds"/> before a pattern.</summary>
public sealed record LikelyCause
{
    public required RunEvent Event { get; init; }

    /// <summary>Pattern start minus event time; up to one interval negative when the event fell inside the pattern's first second.</summary>
    public double SecondsBefore { get; init; }
}
