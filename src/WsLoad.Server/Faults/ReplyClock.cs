namespace WsLoad.Server.Faults;

/// <summary>
/// Waits until a timestamp of the server's <see cref="TimeProvider"/>, for reply delays. Two kinds: <see cref="For"/> picks.
/// </summary>
internal abstract class ReplyClock : IDisposable
{
    /// <summary>
    /// For <see cref="TimeProvider.System"/>, a <see cref="PreciseReplyClock"/>: the system timers tick with the
    /// kernel's coarse clock (4 ms on this machine), far too coarse for a 25 ms delay measured to ±2 ms. For any other
    /// provider (a fake clock in tests), waits on that provider's own timers.
    /// </summary>
    public static ReplyClock For(TimeProvider time) =>
        ReferenceEquals(time, TimeProvider.System) ? new PreciseReplyClock(time) : new TimerReplyClock(time);

    /// <summary>Completes at or after <paramref name="dueTimestamp"/>, never before.</summary>
    public abstract Task WaitUntilAsync(long dueTimestamp, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Waits on the provider's timers (whole milliseconds, rounded up and repeated so it never ends early).</summary>
    private sealed class TimerReplyClock(TimeProvider time) : ReplyClock
    {
        public override async Task WaitUntilAsync(long dueTimestamp, CancellationToken cancellationToken)
        {
            TimeSpan wait;
            while ((wait = time.GetElapsedTime(time.GetTimestamp(), dueTimestamp)) > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), time, cancellationToken);
            }
        }
    }
}
