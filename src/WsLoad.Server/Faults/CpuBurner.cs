using System.Diagnostics;

namespace WsLoad.Server.Faults;

/// <summary>
/// The CPU-per-message fault's work: a busy loop on the calling thread, timed with <see cref="Stopwatch"/>. It spins
/// rather than sleeps so the cost is real CPU the process uses (what an expensive handler does), which is what makes a
/// server's CPU saturate under load. The loop ends on elapsed wall time, so a thread preempted by a busy machine burns
/// at most the cost, never more. Threading: stateless, any thread.
/// </summary>
internal static class CpuBurner
{
    /// <summary>Spins for <paramref name="cost"/> and returns how long it spun (at least <paramref name="cost"/>).</summary>
    public static TimeSpan Burn(TimeSpan cost)
    {
        var start = Stopwatch.GetTimestamp();
        var until = start + (long)(cost.TotalSeconds * Stopwatch.Frequency);
        long now;
        do
        {
            now = Stopwatch.GetTimestamp();
        }
        while (now < until);

        return Stopwatch.GetElapsedTime(start, now);
    }
}
