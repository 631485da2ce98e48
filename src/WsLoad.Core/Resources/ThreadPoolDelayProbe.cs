using System.Diagnostics;

namespace WsLoad.Resources;

/// <summary>
/// How long work waits for the thread pool, measured: every 20 ms a probe item is queued with its timestamp and the
/// delay until a pool thread runs it is kept as a maximum. Replies, connects and the server of an in-process target all
/// run on the pool, so a pool that stalls (starved, or its threads blocked) delays every reply by as much, while the
/// send loops (threads of their own) go on: the response times then show the generator's stall, not the service's.
/// The queue length sampled once a second misses such a stall; this does not. A probe still waiting when the maximum
/// is read counts with its age so far. Runs only on the system clock (a fake clock in tests has no real pool delay).
/// Threading: <see cref="TakeMaxMs"/> from any thread; <see cref="Tick"/> from the probe thread; the pool runs the item.
/// </summary>
internal sealed class ThreadPoolDelayProbe : IThreadPoolWorkItem, IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    private readonly Func<long> _now;
    private readonly double _ticksPerMs;
    private readonly Action<IThreadPoolWorkItem> _queue;
    private volatile bool _stopped;
    private long _queuedAt = -1; // timestamp of the probe waiting in the pool's queue; -1 when none waits
    private long _maxTicks;

    /// <summary>A probe reading <paramref name="now"/> (ticks of <paramref name="frequency"/> a second) and queueing with <paramref name="queue"/>.</summary>
    internal ThreadPoolDelayProbe(Func<long> now, long frequency, Action<IThreadPoolWorkItem> queue)
    {
        _now = now;
        _ticksPerMs = frequency / 1000.0;
        _queue = queue;
    }

    /// <summary>A probe of the real thread pool on its own thread, for the system clock; null for any other clock.</summary>
    public static ThreadPoolDelayProbe? StartFor(TimeProvider time)
    {
        if (!ReferenceEquals(time, TimeProvider.System))
        {
            return null;
        }

        var probe = new ThreadPoolDelayProbe(Stopwatch.GetTimestamp, Stopwatch.Frequency, item => ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false));
        new Thread(probe.Run) { IsBackground = true, Name = "wsload pool probe" }.Start();
        return probe;
    }

    /// <summary>The longest wait for the pool since the last call, in ms, including a probe still waiting now.</summary>
    public double TakeMaxMs()
    {
        var max = Interlocked.Exchange(ref _maxTicks, 0);
        var queuedAt = Volatile.Read(ref _queuedAt);
        if (queuedAt >= 0)
        {
            max = Math.Max(max, _now() - queuedAt);
        }

        return max / _ticksPerMs;
    }

    /// <summary>Queues a probe unless one still waits (then its age is the measure).</summary>
    public void Tick()
    {
        if (Interlocked.CompareExchange(ref _queuedAt, _now(), -1) == -1)
        {
            _queue(this);
        }
    }

    /// <summary>Stops the probe thread within one period.</summary>
    public void Dispose() => _stopped = true;

    void IThreadPoolWorkItem.Execute()
    {
        var queuedAt = Interlocked.Exchange(ref _queuedAt, -1);
        if (queuedAt >= 0)
        {
            Record(_now() - queuedAt);
        }
    }

    private void Run()
    {
        while (!_stopped)
        {
            Thread.Sleep(Period);
            Tick();
        }
    }

    private void Record(long ticks)
    {
        long current;
        while (ticks > (current = Volatile.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, ticks, current) != current)
        {
        }
    }
}
