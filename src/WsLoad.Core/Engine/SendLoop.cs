using System.Collections.Concurrent;
using WsLoad.Metrics;

namespace WsLoad.Engine;

/// <summary>
/// Sends the messages of a share of the connections on their ideal schedule. One loop serves thousands of connections
/// (no timer per connection): it sleeps until the earliest due send, sends everything due, and catches up to the
/// schedule when it wakes late rather than skipping. Each send is stamped with its intended time, so a send that goes
/// out late shows that delay in the response time (coordinated omission is measured, not hidden).
/// Threading: <see cref="Add"/> from any thread; everything else runs on the loop's own task.
/// </summary>
internal sealed class SendLoop(MessageTraffic traffic, MessageSender sender, TimeProvider time, SchedulingLag lag, int seed)
{
    private static readonly long RetryTicks = TimeSpan.FromMilliseconds(1).Ticks;
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<ClientSession> _inbox = new();
    private readonly PriorityQueue<(ClientSession Session, int Epoch), long> _due = new();
    private readonly Random _random = new(seed);

    /// <summary>Hands a newly opened connection to this loop; its first send is spread randomly within one interval.</summary>
    public void Add(ClientSession session) => _inbox.Enqueue(session);

    /// <summary>Runs until cancelled: on a thread of its own with the system clock (see <see cref="LoopClock"/>).</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var clock = LoopClock.For(time);
        if (!clock.NeedsOwnThread)
        {
            return RunAsync(clock, cancellationToken);
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                // Every wait of this clock completes synchronously, so the whole loop stays on this thread.
                RunAsync(clock, cancellationToken).GetAwaiter().GetResult();
                done.TrySetResult();
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "wsload send loop",
        };
        thread.Start();
        return done.Task;
    }

    private async Task RunAsync(LoopClock clock, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetTimestamp();
            AdmitNewSessions(now);
            SendDue(now, cancellationToken);

            var wait = MaxSleep;
            if (_due.TryPeek(out _, out var nextDue))
            {
                var untilNext = time.GetElapsedTime(time.GetTimestamp(), nextDue);
                wait = untilNext < wait ? untilNext : wait;
            }

            // Never spin: what falls due within the minimum wait goes out on the next wake, and the response time
            // (from the intended send) shows that delay.
            wait = wait < LoopClock.MinimumWait ? LoopClock.MinimumWait : wait;
            var planned = time.GetTimestamp() + (long)(wait.TotalSeconds * time.TimestampFrequency);
            if (!await clock.WaitAsync(wait, cancellationToken))
            {
                return;
            }

            lag.Record(time.GetTimestamp() - planned);
        }
    }

    private void AdmitNewSessions(long now)
    {
        while (_inbox.TryDequeue(out var session))
        {
            var interval = traffic.IntervalTicks(now);
            if (interval is not { } ticks)
            {
                continue;
            }

            var first = now + traffic.StartDelayTicks + (long)(_random.NextDouble() * ticks);
            session.NextIntendedTimestamp = first;
            _due.Enqueue((session, Volatile.Read(ref session.SendEpoch)), first);
        }
    }

    private void SendDue(long now, CancellationToken cancellationToken)
    {
        while (_due.TryPeek(out var entry, out var due) && due <= now)
        {
            _ = _due.Dequeue();
            var session = entry.Session;
            if (session.State != ClientSession.Open || session.Connection is not { } connection || entry.Epoch != Volatile.Read(ref session.SendEpoch))
            {
                continue; // closed, dropped, or reconnected since (its new connection has a schedule of its own)
            }

            if (session.SendsEndedAt(time.GetTimestamp()))
            {
                // Draining, or its planned close has come (even if this send was due before it and is late): nothing
                // leaves once a slot's close is due, so the closing phase carries no traffic. Its schedule ends here.
                continue;
            }

            if (now < traffic.PausedUntil)
            {
                // A client-fault pause: this send is skipped (missed, not lost: no sequence is used) and the schedule
                // moves on, so sends resume on their own times when the pause ends.
                traffic.Counters.MissedSend();
                Reschedule(entry, now);
                continue;
            }

            if (connection.IsSendPending)
            {
                // The previous send has not finished (back-pressure). Keep the intended time and try again shortly.
                traffic.Counters.MissedSend();
                _due.Enqueue(entry, now + RetryTicks);
                continue;
            }

            _ = sender.Send(session, connection, session.NextIntendedTimestamp, _random, cancellationToken);

            Reschedule(entry, now);
        }
    }

    /// <summary>Puts the session's next send one interval after its last intended time (none when not sending now).</summary>
    private void Reschedule((ClientSession Session, int Epoch) entry, long now)
    {
        if (traffic.IntervalTicks(now) is { } interval)
        {
            entry.Session.NextIntendedTimestamp += interval;
            _due.Enqueue(entry, entry.Session.NextIntendedTimestamp);
        }
    }
}
