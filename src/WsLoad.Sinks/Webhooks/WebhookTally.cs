using WsLoad.Results;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// How messages fared, counted once each however many tries they took: sent, failed, dropped (never tried, the queue
/// was full), given up at exit (still queued or being tried when the command stopped waiting), and pending. A run's
/// sink keeps one for its messages and each webhook one for all of them. Thread-safe.
/// </summary>
public sealed class WebhookTally
{
    private long _queued;
    private long _sent;
    private long _failed;
    private long _dropped;
    private long _abandoned;
    private string? _lastFailure;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Messages still queued or being tried when the command stopped waiting for them.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <summary>Messages queued and not yet settled.</summary>
    public long Pending => Interlocked.Read(ref _queued) - Sent - Failed - Abandoned;

    /// <summary>Why the last failed message failed, naming its webhook by <see cref="WebhookTarget.Display"/>.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    public void Queued() => Interlocked.Increment(ref _queued);

    public void Succeeded() => Interlocked.Increment(ref _sent);

    public void Dropping() => Interlocked.Increment(ref _dropped);

    public void Abandoning() => Interlocked.Increment(ref _abandoned);

    public void Failing(string why)
    {
        Volatile.Write(ref _lastFailure, why);
        Interlocked.Increment(ref _failed);
    }

    /// <summary>The counts as run.json's <c>sinks[].sends</c> records them.</summary>
    public SinkSends ToSends() => new()
    {
        Sent = Sent,
        Failed = Failed,
        Dropped = Dropped,
        Pending = Pending + Abandoned,
        LastFailure = LastFailure,
    };
}
