namespace WsLoad.Engine;

/// <summary>
/// How a <see cref="SendLoop"/> waits for its next send. The .NET timer queue fires in steps of about 4 ms on Linux
/// (measured here: Task.Delay(1 ms) takes 4.3 ms at p50), which would make every send up to 4 ms late; a thread that
/// sleeps itself wakes within about 1.1 ms. So with the system clock a loop gets its own thread and sleeps on it; with
/// any other <see cref="TimeProvider"/> (a fake clock in tests) it waits on that provider's timers.
/// </summary>
internal abstract class LoopClock
{
    /// <summary>The shortest wait: below it a loop would spin (a zero or sub-millisecond delay returns at once).</summary>
    public static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    /// <summary>True when the loop must run on a thread of its own (its waits block the thread).</summary>
    public abstract bool NeedsOwnThread { get; }

    public static LoopClock For(TimeProvider time) =>
        ReferenceEquals(time, TimeProvider.System) ? new ThreadSleepClock() : new TimerClock(time);

    /// <summary>Waits at least <see cref="MinimumWait"/>; returns false when cancelled.</summary>
    public abstract ValueTask<bool> WaitAsync(TimeSpan wait, CancellationToken cancellationToken);

    private sealed class ThreadSleepClock : LoopClock
    {
        public override bool NeedsOwnThread => true;

        public override ValueTask<bool> WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            Thread.Sleep(wait < MinimumWait ? MinimumWait : wait);
            return ValueTask.FromResult(!cancellationToken.IsCancellationRequested);
        }
    }

    private sealed class TimerClock(TimeProvider time) : LoopClock
    {
        public override bool NeedsOwnThread => false;

        public override async ValueTask<bool> WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(wait < MinimumWait ? MinimumWait : wait, time, cancellationToken);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
