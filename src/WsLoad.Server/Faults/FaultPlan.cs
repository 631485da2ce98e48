using WsLoad.Server.Stats;

namespace WsLoad.Server.Faults;

/// <summary>
/// One fault plan in force: the <see cref="ServerFaults"/> and the state its decisions need (every-Nth counts,
/// seeded percentages, delay samplers). Replacing the plan (<see cref="LiveFaultPlan"/>) starts all of that afresh.
/// Threading: safe from any thread; every decision is one or a few interlocked operations.
/// </summary>
internal sealed class FaultPlan
{
    private readonly DelaySampler? _replyDelay;
    private readonly DelaySampler? _acceptDelay;
    private readonly SeededPercent? _corruptPercent;
    private readonly SeededPercent? _refusePercent;
    private readonly SeededPercent? _closePercent;
    private long _upgradeRequests;
    private long _reachedDrop;
    private long _reachedCorrupt;
    private long _reachedDuplicate;

    public FaultPlan(ServerFaults faults)
    {
        Faults = faults;
        var seed = faults.Seed ?? Random.Shared.NextInt64();
        if (faults.ReplyDelay > TimeSpan.Zero || faults.ReplyDelayMax is not null)
        {
            _replyDelay = new DelaySampler(faults.ReplyDelaySpec, unchecked((int)seed));
        }

        if (faults.AcceptDelay > TimeSpan.Zero || faults.AcceptDelayMax is not null)
        {
            _acceptDelay = new DelaySampler(faults.AcceptDelaySpec, unchecked((int)(seed >> 16) ^ 0x5eed));
        }

        // Each percentage gets its own stream from the seed, so turning one on does not move the others' hits.
        _corruptPercent = faults.CorruptPercent is { } corrupt ? new SeededPercent(corrupt, (ulong)seed ^ 0xC0) : null;
        _refusePercent = faults.RefusePercent is { } refuse ? new SeededPercent(refuse, (ulong)seed ^ 0x4EF) : null;
        _closePercent = faults.ClosePercent is { } close ? new SeededPercent(close, (ulong)seed ^ 0xC105E) : null;
        ReplyActive = faults.DropEvery is not null || faults.CorruptEvery is not null || faults.DuplicateEvery is not null
            || _corruptPercent is not null || _replyDelay is not null;
    }

    public ServerFaults Faults { get; }

    /// <summary>Whether any reply is ever changed, dropped or delayed (false: the echo fast path applies).</summary>
    public bool ReplyActive { get; }

    /// <summary>The connections' message count at which the close fault acts, or null.</summary>
    public long? CloseAt => Faults.CloseAfterMessages ?? (Faults.ClosePercent is null ? null : 1);

    /// <summary>The HTTP status to refuse this upgrade request with, or null to accept it.</summary>
    public int? RefuseStatus()
    {
        if (Faults.RefuseUpgradeStatus is null && _refusePercent is null)
        {
            return null;
        }

        // Counting requests (not completed upgrades) lets exactly the first N through even when they race.
        if (Interlocked.Increment(ref _upgradeRequests) <= Faults.RefuseAfterConnections)
        {
            return null;
        }

        return _refusePercent is null || _refusePercent.Next() ? Faults.RefuseUpgradeStatus ?? 503 : null;
    }

    /// <summary>How long to hold this upgrade's response (zero: answer at once).</summary>
    public TimeSpan AcceptDelay() => _acceptDelay?.Next() ?? TimeSpan.Zero;

    /// <summary>Whether a connection that just received its <see cref="CloseAt"/>th message is closed.</summary>
    public bool ClosesConnection() => _closePercent is null || _closePercent.Next();

    /// <summary>Decides (and counts) the faults of the next echo reply (see <see cref="ServerFaults"/> for their order).</summary>
    public ReplyAction NextReply(ServerCounters counters)
    {
        if (!ReplyActive)
        {
            return ReplyAction.Send;
        }

        if (Hits(Faults.DropEvery, ref _reachedDrop))
        {
            counters.ReplyDropped();
            return new ReplyAction(Drop: true, Corrupt: false, Duplicate: false, TimeSpan.Zero);
        }

        var corrupt = Hits(Faults.CorruptEvery, ref _reachedCorrupt) || (_corruptPercent?.Next() ?? false);
        var duplicate = !corrupt && Hits(Faults.DuplicateEvery, ref _reachedDuplicate);
        if (corrupt)
        {
            counters.ReplyCorrupted();
        }

        if (duplicate)
        {
            counters.ReplyDuplicated();
        }

        var delay = _replyDelay?.Next() ?? TimeSpan.Zero;
        if (delay > TimeSpan.Zero)
        {
            counters.ReplyDelayed();
        }

        return new ReplyAction(Drop: false, corrupt, duplicate, delay);
    }

    /// <summary>
    /// Broadcast mode: whether <see cref="ServerFaults.DropEvery"/> swallows the next delivery. It counts on the replies'
    /// drop count: a server has one mode, so the count is the deliveries' alone.
    /// </summary>
    public bool DropsDelivery() => Hits(Faults.DropEvery, ref _reachedDrop);

    private static bool Hits(long? every, ref long reached) =>
        every is { } n && Interlocked.Increment(ref reached) % n == 0;
}
