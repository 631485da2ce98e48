using WsLoad.Server.Stats;

namespace WsLoad.Server.Faults;

/// <summary>What to do with one echo reply: drop it, or send it (corrupted, twice) after a delay.</summary>
internal readonly record struct ReplyAction(bool Drop, bool Corrupt, bool Duplicate, TimeSpan Delay)
{
    public static ReplyAction Send => default;
}

/// <summary>
/// Decides the drop, corrupt, duplicate and delay faults of each echo reply from the plan in force (see
/// <see cref="ServerFaults"/> for their order). The every-Nth counts are per server and deterministic: the Nth reply to
/// reach a fault is hit, whatever its connection. Threading: safe from any thread; each reply reads the plan once, so it
/// sees one consistent plan even while the plan is replaced.
/// </summary>
internal sealed class ReplyFaults(LiveFaultPlan plan, ServerCounters counters)
{
    /// <summary>
    /// Pays the CPU-per-message cost of the plan in force, if any, on the calling thread (the one handling the message),
    /// and counts it. Reads the plan on its own: the cost and the reply faults are independent.
    /// </summary>
    public void BurnCpu()
    {
        var cost = plan.Current.Faults.CpuPerMessage;
        if (cost > TimeSpan.Zero)
        {
            counters.CpuBurned(CpuBurner.Burn(cost));
        }
    }

    /// <summary>Decides (and counts) the faults of the next reply.</summary>
    public ReplyAction Next() => plan.Current.NextReply(counters);

    /// <summary>Flips the lowest bit of the last byte: the frame type stays, and valid UTF-8 stays valid.</summary>
    public static void Corrupt(Span<byte> reply)
    {
        if (!reply.IsEmpty)
        {
            reply[^1] ^= 0x01;
        }
    }
}
