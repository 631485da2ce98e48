using WsLoad.Server.Stats;

namespace WsLoad.Server.Faults;

/// <summary>What to do with one echo reply: drop it, or send it (corrupted, twice) after a delay.</summary>
internal readonly record struct ReplyAction(bool Drop, bool Corrupt, bool Duplicate, TimeSpan Delay)
{
    public static ReplyAction Send => default;
}

/// <summary>
/// Decides the drop, corrupt, duplicate and delay faults of each echo reply (see <see cref="ServerFaults"/> for their
/// order). The every-Nth counts are per server and deterministic: the Nth reply to reach a fault is hit, whatever its
/// connection. Threading: safe from any thread (one interlocked increment per configured fault and reply).
/// </summary>
internal sealed class ReplyFaults(ServerFaults faults, ServerCounters counters)
{
    private long _reachedDrop;
    private long _reachedCorrupt;
    private long _reachedDuplicate;

    /// <summary>Whether any reply is ever changed, dropped or delayed (false: the echo fast path applies).</summary>
    public bool Active { get; } = faults.DropEvery is not null || faults.CorruptEvery is not null || faults.DuplicateEvery is not null
        || faults.ReplyDelay > TimeSpan.Zero || faults.ReplyDelayMax is not null;

    /// <summary>Decides (and counts) the faults of the next reply.</summary>
    public ReplyAction Next()
    {
        if (!Active)
        {
            return ReplyAction.Send;
        }

        if (Hits(faults.DropEvery, ref _reachedDrop))
        {
            counters.ReplyDropped();
            return new ReplyAction(Drop: true, Corrupt: false, Duplicate: false, TimeSpan.Zero);
        }

        var corrupt = Hits(faults.CorruptEvery, ref _reachedCorrupt);
        var duplicate = !corrupt && Hits(faults.DuplicateEvery, ref _reachedDuplicate);
        if (corrupt)
        {
            counters.ReplyCorrupted();
        }

        if (duplicate)
        {
            counters.ReplyDuplicated();
        }

        var delay = DrawDelay();
        if (delay > TimeSpan.Zero)
        {
            counters.ReplyDelayed();
        }

        return new ReplyAction(Drop: false, corrupt, duplicate, delay);
    }

    /// <summary>Flips the lowest bit of the last byte: the frame type stays, and valid UTF-8 stays valid.</summary>
    public static void Corrupt(Span<byte> reply)
    {
        if (!reply.IsEmpty)
        {
            reply[^1] ^= 0x01;
        }
    }

    private static bool Hits(long? every, ref long reached) =>
        every is { } n && Interlocked.Increment(ref reached) % n == 0;

    private TimeSpan DrawDelay()
    {
        if (faults.ReplyDelayMax is not { } max)
        {
            return faults.ReplyDelay;
        }

        var min = faults.ReplyDelay;
        return min + ((max - min) * Random.Shared.NextDouble());
    }
}
