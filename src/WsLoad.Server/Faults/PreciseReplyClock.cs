namespace WsLoad.Server.Faults;

/// <summary>
/// A <see cref="ReplyClock"/> accurate to a fraction of a millisecond: one background thread keeps the waits in due order and
/// sleeps with <see cref="Monitor.Wait(object, int)"/> (a high-resolution condition wait), instead of the coarse
/// system timers. The thread starts on the first wait and stops on dispose. Threading: <see cref="WaitUntilAsync"/> is
/// safe from any thread; waiters resume on the thread pool. A wait is not cut short by its token: it outlives its
/// connection by at most its delay, and the reply it guards is then not sent.
/// </summary>
internal sealed class PreciseReplyClock(TimeProvider time) : ReplyClock
{
    /// <summary>The last stretch before a due time that is waited by yielding rather than sleeping.</summary>
    private static readonly TimeSpan SpinWindow = TimeSpan.FromMilliseconds(1.2);

    private readonly object _lock = new(); // Monitor.Wait/Pulse need a monitor, not a System.Threading.Lock
    private readonly PriorityQueue<TaskCompletionSource, long> _waits = new();
    private Thread? _thread;
    private bool _disposed;

    public override Task WaitUntilAsync(long dueTimestamp, CancellationToken cancellationToken)
    {
        if (time.GetTimestamp() >= dueTimestamp)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_disposed)
            {
                return Task.CompletedTask;
            }

            var earliest = !_waits.TryPeek(out _, out var first) || dueTimestamp < first;
            _waits.Enqueue(done, dueTimestamp);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "wsload reply clock" };
                _thread.Start();
            }
            else if (earliest)
            {
                Monitor.Pulse(_lock);
            }
        }

        return done.Task;
    }

    protected override void Dispose(bool disposing)
    {
        lock (_lock)
        {
            _disposed = true;
            while (_waits.TryDequeue(out var waiting, out _))
            {
                waiting.TrySetResult(); // the server is stopping; the replies find their connections closing
            }

            Monitor.Pulse(_lock);
        }

        base.Dispose(disposing);
    }

    private void Run()
    {
        while (true)
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                if (!_waits.TryPeek(out var next, out var due))
                {
                    Monitor.Wait(_lock);
                    continue;
                }

                var remaining = time.GetElapsedTime(time.GetTimestamp(), due);
                if (remaining > SpinWindow)
                {
                    // Sleep until about a millisecond before it is due (the wait itself overshoots by ~0.1-1 ms)...
                    Monitor.Wait(_lock, Math.Max(1, (int)(remaining - SpinWindow).TotalMilliseconds));
                    continue;
                }

                if (remaining <= TimeSpan.Zero)
                {
                    _ = _waits.Dequeue();
                    next.TrySetResult();
                    continue;
                }
            }

            // ...then yield until it is due, so a delay is not rounded up to the next millisecond tick. This happens
            // outside the lock: callers of WaitUntilAsync (thread-pool threads) must never queue behind it.
            Thread.Yield();
        }
    }
}
