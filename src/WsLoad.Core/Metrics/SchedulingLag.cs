namespace WsLoad.Metrics;

/// <summary>The largest lateness of a planned wake-up since the last read, in timestamp ticks. Thread-safe.</summary>
internal sealed class SchedulingLag
{
    private long _maxTicks;

    public void Record(long lateTicks)
    {
        long current;
        while (lateTicks > (current = Volatile.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, lateTicks, current) != current)
        {
        }
    }

    public long TakeMax() => Interlocked.Exchange(ref _maxTicks, 0);
}
