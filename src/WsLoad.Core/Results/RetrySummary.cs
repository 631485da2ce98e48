namespace WsLoad.Results;

/// <summary>
/// Retries of unanswered messages on their live connection (<c>summary.retry</c>); present when the scenario has
/// <c>messages.retry</c>. A retry sends the message again with its id, sequence and intended time; retransmissions are
/// also counted in <c>messages.sent</c>.
/// </summary>
public sealed record RetrySummary
{
    /// <summary>The wait for an answer before the first retry, ms.</summary>
    public double AfterMs { get; init; }

    /// <summary>Each further wait is this many times the one before.</summary>
    public double Backoff { get; init; }

    public int MaxRetries { get; init; }

    /// <summary>Retry sends (a message retried twice counts twice).</summary>
    public long Retransmissions { get; init; }

    /// <summary>Distinct messages retried at least once.</summary>
    public long MessagesRetried { get; init; }

    /// <summary>Retried messages that were answered in the end (by any of their sends).</summary>
    public long MessagesRecovered { get; init; }

    /// <summary>Answers to retried messages after their first: the server handled the message more than once.</summary>
    public long DuplicateAnswers { get; init; }

    /// <summary>Messages retried maxRetries times and never answered (they are part of messages.lost).</summary>
    public long GaveUp { get; init; }
}
