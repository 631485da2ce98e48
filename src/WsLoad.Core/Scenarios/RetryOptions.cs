namespace WsLoad.Scenarios;

/// <summary>
/// Retrying a message whose answer is overdue on its live connection (<c>messages.retry</c>): the at-least-once scheme
/// of servers that acknowledge (an ack correlated by <c>expect: reply</c>) or echo. A message with no answer
/// <see cref="After"/> after it was sent is sent again with the same connection id, sequence and intended time (so
/// its response time includes the wait); each further retry waits <see cref="Backoff"/> times longer, up to
/// <see cref="MaxRetries"/> retries. Only the last 64 sends of a connection are tracked, as for resends.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>No retries: the default.</summary>
    public static RetryOptions None { get; } = new();

    /// <summary>The wait for an answer before the first retry; zero turns retrying off.</summary>
    public TimeSpan After { get; init; }

    /// <summary>Each further wait is this many times the one before (1 = always <see cref="After"/>).</summary>
    public double Backoff { get; init; } = 2;

    /// <summary>Retries per message before it is given up (and counted lost if it never comes back).</summary>
    public int MaxRetries { get; init; } = 3;

    public bool Enabled => After > TimeSpan.Zero;

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based), from the previous send of the message.</summary>
    public TimeSpan WaitBefore(int retry) => After * Math.Pow(Backoff, Math.Max(0, retry - 1));
}
