using System.Net;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// How hard the remote write tries, and how much it holds, before it lets samples go: a run never waits for its
/// receiver, so what the receiver cannot take in time is dropped and counted rather than buffered without end.
/// </summary>
internal sealed record RemoteWritePolicy
{
    /// <summary>Requests waiting to be sent; one more is dropped. Thirty covers a receiver down for 2.5 minutes at the default 5 s.</summary>
    public int QueueCapacity { get; init; } = 30;

    /// <summary>How long one try waits for the receiver's answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Tries per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The wait before the second try; it doubles before each next one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long the end of a run waits for its last values to arrive (within the run's own wait for its sinks).</summary>
    public TimeSpan FinalFlushWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long stopping waits for the queue to empty before what is left is dropped.</summary>
    public TimeSpan StopWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait before try <paramref name="attempt"/> (2 for the first retry): exponential, capped.</summary>
    public TimeSpan BackoffBefore(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        var factor = Math.Pow(2, Math.Min(attempt - 2, 30));
        return TimeSpan.FromTicks((long)Math.Min(FirstBackoff.Ticks * factor, MaxBackoff.Ticks));
    }

    /// <summary>
    /// Whether a request answered with <paramref name="status"/> is worth another try: a server error or 429 (too many
    /// requests) may pass; any other 4xx says the request itself is refused, and sending it again would be refused too.
    /// </summary>
    public static bool IsRetryable(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
}
