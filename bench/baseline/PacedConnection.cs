using System.Diagnostics;

namespace RawEcho;

/// <summary>
/// One connection on its own thread: a few unrecorded warm-up round trips, then one message every interval from its
/// own offset, one in flight, each round trip timed with Stopwatch timestamps taken just before the send and just
/// after the last byte of the echo is read (the same points as wsload's service time, "rtt").
/// Threading: <see cref="Run"/> runs on the connection's thread; read the results after it has been joined.
/// </summary>
internal sealed class PacedConnection(RawWebSocket socket, long firstDue, long interval, int messages, int warmup)
{
    /// <summary>Round-trip times in Stopwatch ticks, one per timed message.</summary>
    public long[] RoundTrips { get; } = new long[messages];

    /// <summary>How late each send left against its intended time, in Stopwatch ticks (the pacing's own error).</summary>
    public long[] SendLag { get; } = new long[messages];

    public int Mismatched { get; private set; }

    public Exception? Failure { get; private set; }

    public void Run()
    {
        try
        {
            for (var i = 0; i < warmup; i++)
            {
                _ = socket.RoundTrip();
            }

            for (var i = 0; i < messages; i++)
            {
                var due = firstDue + (i * interval);
                SleepUntil(due);
                var sent = Stopwatch.GetTimestamp();
                var same = socket.RoundTrip();
                var received = Stopwatch.GetTimestamp();
                RoundTrips[i] = received - sent;
                SendLag[i] = sent - due;
                Mismatched += same ? 0 : 1;
            }

            socket.Close();
        }
#pragma warning disable CA1031 // any failure is reported by the caller, whatever it is
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Failure = exception;
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>Sleeps (no spinning: the machine has two cores) until the timestamp; a late wake-up is kept in SendLag.</summary>
    private static void SleepUntil(long due)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (remaining > TimeSpan.Zero)
        {
            Thread.Sleep((int)Math.Ceiling(remaining.TotalMilliseconds)); // rounded up: never early
        }
    }
}
