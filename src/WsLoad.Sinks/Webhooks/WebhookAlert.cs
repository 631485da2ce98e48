namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// One message for the webhooks, before it takes a payload's shape (<see cref="WebhookPayload"/>): what happened
/// (<see cref="Event"/>), to which run, when, a title and a sentence, and the figures that go with it. Never holds a
/// webhook's URL.
/// </summary>
public sealed record WebhookAlert
{
    public required WebhookEvent Event { get; init; }

    /// <summary>The run's name (its scenario's).</summary>
    public required string Run { get; init; }

    /// <summary>When it happened (wall clock, a label only).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Seconds into the run when it happened; null for the start and end messages.</summary>
    public double? AtSeconds { get; init; }

    public AlertSeverity Severity { get; init; } = AlertSeverity.Info;

    /// <summary>One line, e.g. <c>WsLoad: demo ended: NO-GO</c>.</summary>
    public required string Title { get; init; }

    /// <summary>A sentence or two under the title.</summary>
    public string Message { get; init; } = "";

    /// <summary>The readiness verdict (<c>GO</c>, <c>NO-GO</c>, <c>INCONCLUSIVE</c>) of an ended run; null otherwise.</summary>
    public string? Verdict { get; init; }

    /// <summary>The run's status of an ended run (<c>completed</c>, <c>aborted</c>…); null otherwise.</summary>
    public string? Status { get; init; }

    public IReadOnlyList<AlertFigure> Figures { get; init; } = [];

    /// <summary>
    /// True for a run's start and end: they always get a place in a webhook's queue, where live alerts beyond its
    /// capacity are dropped.
    /// </summary>
    public bool Essential => Event is WebhookEvent.RunStarted or WebhookEvent.RunEnded;
}
