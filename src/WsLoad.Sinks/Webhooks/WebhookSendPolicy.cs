namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// How a webhook's messages are sent: each try bounded (a receiver that hangs costs <see cref="RequestTimeout"/>, never
/// the run), <see cref="Tries"/> tries with a doubling backoff (a 429's Retry-After is honoured up to
/// <see cref="MaxRetryAfter"/>), tries spaced at least <see cref="Spacing"/> apart (Slack takes about one message a
/// second per webhook), at most <see cref="QueueCapacity"/> live alerts waiting, and at the end at most
/// <see cref="FlushTimeout"/> spent waiting for what is left.
/// </summary>
public sealed record WebhookSendPolicy
{
    public static WebhookSendPolicy Default { get; } = new();

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int Tries { get; init; } = 3;

    /// <summary>The wait before the second try; doubled before each one after.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Spacing { get; init; } = TimeSpan.FromSeconds(1);

    public int QueueCapacity { get; init; } = 20;

    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
