namespace WsLoad.Network;

/// <summary>
/// A <see cref="ReleaseClock"/> accurate to a fraction of a millisecond (the proxy's toxics and the server's reply delays): one
/// background thread keeps the waits in due order and sleeps with <see cref="Monitor.Wait(object, int)"/> until about a
/// millisecond before the earliest, then yields until it is due. The thread starts on the first wait and stops on
/// dispose, which releases every wait still pending. Waiters resume on the thread pool.
/// </summary>
internal sealed class PreciseReleaseClock(TimeProvider time) : ReleaseClock(time)
{
    private static readonly TimeSpan SpinWindow = TimeSpan.FromMilliseconds(1.2);

    private readonly object _lock = new(); // Monitor.Wait/Pulse need a monitor, not a System.Threading.Lock
    private readonly PriorityQueue<TaskCompletionSource, long> _waits = new();
    private Thread? _thread;
    private bool _disposed;

    public override Task WaitUntilAsync(long dueTimestamp)
    {
        if (Time.GetTimestamp() >= dueTimestamp)
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
                _thread = new Thread(Run) { IsBackground = true, Name = "wsload precise clock" };
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
                waiting.TrySetResult();
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

                var remaining = Time.GetElapsedTime(Time.GetTimestamp(), due);
                if (remaining > SpinWindow)
                {
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

            // Outside the lock: callers of WaitUntilAsync must never queue behind the yielding thread.
            Thread.Yield();
        }
    }
}
