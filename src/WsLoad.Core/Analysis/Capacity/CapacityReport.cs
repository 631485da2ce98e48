using WsLoad.Analysis.Anomalies;

namespace WsLoad.Analysis.Capacity;

/// <summary>Whether a capacity model could be fitted.</summary>
public enum CapacityStatus
{
    Fitted,

    /// <summary>Fewer than <see cref="CapacityAnalysis.MinPlateaus"/> plateaus: a result, not an error; <see cref="CapacityReport.Reason"/> says why.</summary>
    NotEnoughPlateaus,

    /// <summary>The minimiser did not reach finite parameters; <see cref="CapacityReport.Reason"/> says why.</summary>
    FitFailed,
}

/// <summary>The capacity model of a run: its plateaus, the USL fit, the predicted peak and the p99 limit. Data only.</summary>
public sealed record CapacityReport
{
    /// <summary>Always <c>capacity-usl</c>.</summary>
    public string Id { get; init; } = "capacity-usl";

    /// <summary>Always <c>capacity</c>.</summary>
    public string Kind { get; init; } = "capacity";

    public CapacityStatus Status { get; init; }

    /// <summary>Why there is no fit, when there is none.</summary>
    public string? Reason { get; init; }

    /// <summary>Messages in flight per connection (closed loop), 1 otherwise: concurrency = connections × this.</summary>
    public int InFlightPerConnection { get; init; } = 1;

    /// <summary>True when the scenario ran a closed loop (<c>messages.inFlight</c>), where concurrency is well defined.</summary>
    public bool ClosedLoop { get; init; }

    public IReadOnlyList<Plateau> Plateaus { get; init; } = [];

    public UslFit? Usl { get; init; }

    public CapacityPeak? Peak { get; init; }

    /// <summary>Where p99 passes the scenario's target; present whenever plateaus were found.</summary>
    public LatencyLimit? LatencyLimit { get; init; }

    /// <summary>See <see cref="CapacityAnalysis"/> for the rules.</summary>
    public FindingConfidence Confidence { get; init; }

    /// <summary>The figures behind the finding, culture-invariant.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}
