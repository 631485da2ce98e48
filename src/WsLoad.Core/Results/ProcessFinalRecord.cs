using WsLoad.Metrics;

namespace WsLoad.Results;

/// <summary>
/// What one process knows only once its run is over, sent once after its last <see cref="IntervalSnapshot"/>: the
/// figures that are not a sum of seconds (availability, recovery and retry counts, what is still unanswered), the failures
/// kept in detail, and events recorded after the last interval. With the snapshots it is everything
/// <see cref="RunResultBuilder"/> needs.
/// </summary>
public sealed record ProcessFinalRecord
{
    /// <summary>Which process (<see cref="ProcessHealth.LocalProcess"/> for a run in one process).</summary>
    public string Process { get; init; } = ProcessHealth.LocalProcess;

    /// <summary>Messages sent and never answered (when replies are expected), not counting <see cref="UnansweredAtClose"/>: lost.</summary>
    public long Unanswered { get; init; }

    /// <summary>Messages still in flight when this side closed their connection (see <see cref="MessageSummary.UnansweredAtClose"/>).</summary>
    public long UnansweredAtClose { get; init; }

    /// <summary>Up time of the process's connections; null when it planned none.</summary>
    public AvailabilitySummary? Availability { get; init; }

    /// <summary>What <see cref="Availability"/> is made of, so the availability of several processes merges exactly.</summary>
    public AvailabilityParts? AvailabilityParts { get; init; }

    /// <summary>
    /// Drops, reconnects and message recovery, without the service recovery after each burst of drops (the fold judges
    /// that from the merged series); null when there is no reconnect policy and nothing dropped.
    /// </summary>
    public RecoverySummary? Recovery { get; init; }

    /// <summary>Every reconnect's time (µs), from the drop to the 101 of its reconnect.</summary>
    public HistogramCounts ReconnectTimes { get; init; } = HistogramCounts.Empty;

    public RetrySummary? Retry { get; init; }

    /// <summary>The failures kept in detail, and how many more were counted but not kept.</summary>
    public IReadOnlyList<FailureEvent> FailureEvents { get; init; } = [];

    public long FailureEventsDropped { get; init; }

    /// <summary>A uniform sample of the failures not kept in <see cref="FailureEvents"/>.</summary>
    public IReadOnlyList<FailureEvent> FailureSamples { get; init; } = [];

    /// <summary>Events recorded after the last interval was taken.</summary>
    public IReadOnlyList<RunEvent> Events { get; init; } = [];

    /// <summary>Seconds from the run's start to the first connect attempt, and to the last connection established; null when none.</summary>
    public double? FirstAttemptSeconds { get; init; }

    public double? LastEstablishedSeconds { get; init; }
}
