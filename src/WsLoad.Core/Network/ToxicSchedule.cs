namespace WsLoad.Network;

/// <summary>
/// Puts toxics in place and takes them away at their times on a <see cref="TimeProvider"/> (timers, so a fake clock
/// drives it in tests). Times count from a start timestamp given by the caller (the run's start). Threading: the
/// callbacks run on timer threads, one at a time per toxic; dispose stops what has not happened yet.
/// </summary>
internal sealed class ToxicSchedule : IDisposable
{
    private readonly List<ITimer> _timers = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    private ToxicSchedule()
    {
    }

    /// <summary>
    /// Schedules each toxic: <paramref name="add"/> at its time (at once when that has passed), then <paramref name="remove"/>
    /// after its duration. Toxics already due are added before this returns.
    /// </summary>
    public static ToxicSchedule Start(
        IEnumerable<ScheduledToxic> toxics, TimeProvider time, long startTimestamp, Action<ScheduledToxic> add, Action<ScheduledToxic> remove)
    {
        ArgumentNullException.ThrowIfNull(toxics);
        ArgumentNullException.ThrowIfNull(time);
        var schedule = new ToxicSchedule();
        var elapsed = time.GetElapsedTime(startTimestamp);
        foreach (var toxic in toxics)
        {
            schedule.At(time, toxic.At - elapsed, () => add(toxic));
            if (toxic.Duration is { } duration)
            {
                schedule.At(time, toxic.At + duration - elapsed, () => remove(toxic));
            }
        }

        return schedule;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    private void At(TimeProvider time, TimeSpan due, Action action)
    {
        if (due <= TimeSpan.Zero)
        {
            action();
            return;
        }

        lock (_lock)
        {
            _timers.Add(time.CreateTimer(_ => RunUnlessDisposed(action), null, due, Timeout.InfiniteTimeSpan));
        }
    }

    private void RunUnlessDisposed(Action action)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
        }

        action();
    }
}
