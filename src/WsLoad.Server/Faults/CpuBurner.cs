using System.Diagnostics;
using WsLoad.Resources;

namespace WsLoad.Server.Faults;

/// <summary>
/// The CPU-per-message fault's work: a busy loop on the calling thread until it has used <c>cost</c> of CPU time (the
/// thread's own CPU clock), as an expensive handler does. Timed on CPU rather than elapsed time, so the server's
/// capacity is cores ÷ cost whatever its thread count: a thread the scheduler pauses on a busy machine does not finish
/// its message early, so load beyond that capacity really queues up. Where the thread clock is unavailable it falls back
/// to elapsed time. Threading: stateless, any thread.
/// </summary>
internal static class CpuBurner
{
    /// <summary>Spins until this thread has used <paramref name="cost"/> of CPU; returns the elapsed time it took.</summary>
    public static TimeSpan Burn(TimeSpan cost)
    {
        var start = Stopwatch.GetTimestamp();
        if (ThreadCpuClock.Now() is { } cpuStart)
        {
            var cpuUntil = cpuStart + cost;
            while (ThreadCpuClock.Now() is { } cpu && cpu < cpuUntil)
            {
                SpinOnce();
            }

            return Stopwatch.GetElapsedTime(start);
        }

        var until = start + (long)(cost.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            SpinOnce();
        }

        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>A little work between clock reads, so the loop is mostly work and not system calls.</summary>
    private static void SpinOnce() => Thread.SpinWait(20);
}
