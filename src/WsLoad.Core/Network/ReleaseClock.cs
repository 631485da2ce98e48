namespace WsLoad.Network;

/// <summary>
/// Waits until a timestamp of a <see cref="TimeProvider"/> (the chaos proxy's latency, the embedded server's reply delays). On the system clock this must be accurate to well under a
/// millisecond (the system timers tick at ~4 ms), so <see cref="For"/> picks <see cref="PreciseReleaseClock"/> there and a
/// plain <see cref="TimeProvider"/> delay on any other clock (a fake one in tests). Threading: safe from any thread.
/// </summary>
internal abstract class ReleaseClock : IDisposable
{
    protected ReleaseClock(TimeProvider time) => Time = time;

    public TimeProvider Time { get; }

    public static ReleaseClock For(TimeProvider time) =>
        ReferenceEquals(time, TimeProvider.System) ? new PreciseReleaseClock(time) : new TimeProviderReleaseClock(time);

    /// <summary>Completes at or just after <paramref name="dueTimestamp"/> (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public abstract Task WaitUntilAsync(long dueTimestamp);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>Waits with <see cref="Task.Delay(TimeSpan, TimeProvider)"/>: as precise as its clock's timers.</summary>
internal sealed class TimeProviderReleaseClock(TimeProvider time) : ReleaseClock(time)
{
    public override Task WaitUntilAsync(long dueTimestamp)
    {
        var remaining = Time.GetElapsedTime(Time.GetTimestamp(), dueTimestamp);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, Time) : Task.CompletedTask;
    }
}
