namespace WsLoad.Scenarios;

/// <summary>How a dropped connection is brought back (<c>connections.reconnect.policy</c>).</summary>
public enum ReconnectPolicy
{
    /// <summary>A dropped connection stays down (the default).</summary>
    None,

    /// <summary>Reconnect at once, and at once again after each failed attempt.</summary>
    Immediate,

    /// <summary>Wait <see cref="ReconnectOptions.Delay"/> (± jitter) before each attempt.</summary>
    Fixed,

    /// <summary>Wait <see cref="ReconnectOptions.Delay"/> before the first attempt, doubling each time up to <see cref="ReconnectOptions.MaxDelay"/> (± jitter).</summary>
    Exponential,
}

/// <summary>
/// The reconnect policy of a scenario (<c>connections.reconnect</c>). A connection counts as dropped when it ends
/// without our asking and not with a clean 1000 or 1001 close from the server: an abnormal closure (1006, no close
/// frame), a reset, or any other close code. A reconnected connection keeps its slot (connection id), so its
/// availability, sequence numbers and correlation carry on, and it resumes sending on its schedule.
/// </summary>
public sealed record ReconnectOptions
{
    /// <summary>No reconnects: today's behaviour.</summary>
    public static ReconnectOptions None { get; } = new();

    public ReconnectPolicy Policy { get; init; } = ReconnectPolicy.None;

    /// <summary>The wait before an attempt (fixed), or before the first one (exponential).</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between attempts (exponential).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Each wait is drawn uniformly within ± this fraction of itself (0.2 = ±20%), so reconnects spread out.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Attempts per drop before the slot gives up and stays down.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The most reconnect attempts in progress at once, over all connections (a storm is queued, not unleashed).</summary>
    public int MaxConcurrent { get; init; } = 200;

    public bool Enabled => Policy != ReconnectPolicy.None;
}

/// <summary>What happens to messages still unanswered when their connection drops (<c>messages.recovery</c>).</summary>
public enum MessageRecovery
{
    /// <summary>They are lost (counted in <c>messages.lost</c>), the default.</summary>
    None,

    /// <summary>They are sent again, with the same connection id and sequence, once the connection has reconnected.</summary>
    Resend,
}
