using WsLoad.Server.Connections;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Faults;

/// <summary>
/// The drop fault: aborts open connections at once, without a close frame (a TCP abort: the client sees 1006 /
/// connection reset), to test a client's reconnect and message recovery. The victims are chosen deterministically:
/// the oldest connections first (lowest server id), skipping those already closing. Each dropped connection is counted
/// in <see cref="ServerStats.AbortedByFault"/>. Threading: safe from any thread; concurrent drops may pick the same
/// connection, which is then counted once by each (aborting is idempotent).
/// </summary>
internal sealed class ConnectionDropper(ConnectionRegistry registry, ServerCounters counters)
{
    /// <summary>Aborts up to <paramref name="count"/> open connections, oldest first; returns how many it dropped.</summary>
    public int Drop(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return 0;
        }

        var victims = registry.All().Where(c => !c.IsClosing).OrderBy(c => c.Id).Take(count).ToList();
        foreach (var connection in victims)
        {
            counters.AbortedByFault();
            connection.Abort();
        }

        return victims.Count;
    }

    /// <summary>Aborts <paramref name="percent"/>% of the open connections (rounded to the nearest whole), oldest first.</summary>
    public int DropPercent(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        return Drop((int)Math.Round(registry.Count * percent / 100, MidpointRounding.AwayFromZero));
    }

    /// <summary>Arms the scheduled drop of <paramref name="faults"/> (<see cref="ServerFaults.DropAt"/>), if any; dispose the timer to disarm it.</summary>
    public ITimer? Schedule(ServerFaults faults, TimeProvider time)
    {
        if (faults.DropAt is not { } at)
        {
            return null;
        }

        return time.CreateTimer(
            _ =>
            {
                if (faults.DropPercent is { } percent)
                {
                    _ = DropPercent(percent);
                }
                else
                {
                    _ = Drop(faults.DropCount ?? 0);
                }
            },
            null,
            at,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>The problems of the drop fault's settings, for the options validator.</summary>
    public static IEnumerable<string> Validate(ServerFaults faults)
    {
        if (faults.DropAt is { } at && at < TimeSpan.Zero)
        {
            yield return "DropAt must not be negative.";
        }

        if (faults.DropCount is < 0)
        {
            yield return "DropCount must not be negative.";
        }

        if (faults.DropPercent is { } percent && !(percent is >= 0 and <= 100))
        {
            yield return $"DropPercent must be 0-100, got {percent}.";
        }

        if (faults.DropCount is not null && faults.DropPercent is not null)
        {
            yield return "Give DropCount or DropPercent, not both.";
        }

        if (faults.DropAt is not null && faults.DropCount is null && faults.DropPercent is null)
        {
            yield return "DropAt needs DropCount or DropPercent.";
        }

        if (faults.DropAt is null && (faults.DropCount is not null || faults.DropPercent is not null))
        {
            yield return "DropCount and DropPercent need DropAt.";
        }
    }
}
