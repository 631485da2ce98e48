using System.Net.WebSockets;
using WsLoad.Scenarios;

namespace WsLoad.Server;

/// <summary>
/// Misbehaviour the target server shows on request, to test a client's failure paths.
/// <see cref="None"/> (the default) makes a well-behaved server. Each fault that fires is counted in <see cref="ServerStats"/>.
/// </summary>
/// <remarks>
/// The reply faults (<see cref="ReplyDelay"/>, <see cref="StallAt"/>, <see cref="DropEvery"/>, <see cref="CorruptEvery"/>,
/// <see cref="DuplicateEvery"/>) act on echo mode's replies and ack mode's acks (<see cref="DropEvery"/> on broadcast
/// mode's deliveries too), and compose: each reply first meets the
/// drop, corrupt and duplicate faults, in that order, each counting only the replies the earlier ones left untouched (so
/// one reply suffers at most one of them, and what a client sees adds up exactly to what the server counted); a reply
/// that is not dropped then waits for its delay, then for any stall, and is sent. Replies always leave a connection in
/// the order their messages arrived.
/// </remarks>
public sealed record ServerFaults
{
    /// <summary>No faults: a well-behaved server.</summary>
    public static ServerFaults None { get; } = new();

    /// <summary>
    /// Reply to WebSocket upgrade requests with this HTTP status (for example 403 or 503) instead of upgrading.
    /// Null (default): upgrades are accepted.
    /// </summary>
    public int? RefuseUpgradeStatus { get; init; }

    /// <summary>
    /// With <see cref="RefuseUpgradeStatus"/>: let this many upgrade requests through first, then refuse the rest.
    /// Default 0: refuse from the first request.
    /// </summary>
    public long RefuseAfterConnections { get; init; }

    /// <summary>
    /// Close each connection with <see cref="CloseCode"/> once it has received this many messages
    /// (the last one is still answered). Null (default): never.
    /// </summary>
    public long? CloseAfterMessages { get; init; }

    /// <summary>
    /// Close every open connection with <see cref="CloseCode"/> once, this long after the server started
    /// (measured on <see cref="TargetServerOptions.TimeProvider"/>). Later connections are left open. Null (default): never.
    /// </summary>
    public TimeSpan? CloseAllAfter { get; init; }

    /// <summary>
    /// The WebSocket close status the close faults send (1000-4999, not 1005, 1006 or 1015).
    /// Default 1000 (normal closure).
    /// </summary>
    public WebSocketCloseStatus CloseCode { get; init; } = WebSocketCloseStatus.NormalClosure;

    /// <summary>The close reason the close faults send (at most 123 UTF-8 bytes). Default "closed by fault".</summary>
    public string CloseReason { get; init; } = "closed by fault";

    /// <summary>
    /// Abort each connection's TCP connection, without a close frame, as soon as it receives this many messages
    /// (the last one is not answered); the client sees an abnormal closure (1006 / connection reset). Null (default): never.
    /// </summary>
    public long? AbortAfterMessages { get; init; }

    /// <summary>
    /// Echo and ack modes: hold each reply this long after its message arrived (with <see cref="ReplyDelayMax"/>: at least this
    /// long). Replies keep their order: a reply whose delay ends before the previous one's is sent right after it.
    /// Waiting never blocks receiving, nor other connections. Default zero: no delay.
    /// </summary>
    public TimeSpan ReplyDelay { get; init; }

    /// <summary>
    /// Echo and ack modes: with this upper bound, each reply's delay is drawn uniformly from [<see cref="ReplyDelay"/>,
    /// <see cref="ReplyDelayMax"/>] (independently per reply). Null (default): every reply waits exactly <see cref="ReplyDelay"/>.
    /// </summary>
    public TimeSpan? ReplyDelayMax { get; init; }

    /// <summary>
    /// Echo and ack modes: stop answering this long after the server started (on <see cref="TargetServerOptions.TimeProvider"/>),
    /// for <see cref="StallFor"/>. During a stall the server still receives; every reply is held, none is lost, and when
    /// the stall ends each connection gets its held replies in order. <see cref="TargetServer.Stall"/> triggers one at
    /// run time. Null (default): no scheduled stall.
    /// </summary>
    public TimeSpan? StallAt { get; init; }

    /// <summary>How long the <see cref="StallAt"/> stall lasts. Default one second.</summary>
    public TimeSpan StallFor { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Echo and ack modes: swallow every Nth reply (counted over the whole server, across connections). Broadcast mode:
    /// swallow every Nth delivery (one message to one recipient, the sender's own copy included), counted over the whole
    /// server process across channels, in <see cref="ServerStats.BroadcastDroppedByFault"/> and its channel's
    /// <see cref="ChannelStats.DroppedByFault"/>. Null (default): never.
    /// </summary>
    public long? DropEvery { get; init; }

    /// <summary>
    /// Echo and ack modes: flip the lowest bit of the last byte of every Nth reply that was not dropped. The frame type is kept
    /// and a text reply stays valid UTF-8 (a final byte keeps its class when its lowest bit flips). Null (default): never.
    /// </summary>
    public long? CorruptEvery { get; init; }

    /// <summary>
    /// Echo and ack modes: send twice every Nth reply that was neither dropped nor corrupted (the copies follow each other).
    /// Null (default): never.
    /// </summary>
    public long? DuplicateEvery { get; init; }

    /// <summary>Whether any reply fault is set (they need echo or ack mode, but for <see cref="DropEvery"/>, which broadcast mode takes too).</summary>
    internal bool HasReplyFaults =>
        ReplyDelay > TimeSpan.Zero || ReplyDelayMax is not null || StallAt is not null
        || DropEvery is not null || CorruptEvery is not null || DuplicateEvery is not null
        || ReplyDelayDeviation is not null || ReplyDelayExponential || CorruptPercent is not null;

    // --- Distributions, percentages and slow accepts (the seeded faults). ---

    /// <summary>
    /// Echo and ack modes: with this standard deviation, each reply's delay is drawn from a normal distribution with mean
    /// <see cref="ReplyDelay"/>, clamped at zero. Null (default): not normal. Excludes <see cref="ReplyDelayMax"/> and
    /// <see cref="ReplyDelayExponential"/>.
    /// </summary>
    public TimeSpan? ReplyDelayDeviation { get; init; }

    /// <summary>
    /// Echo and ack modes: each reply's delay is drawn from an exponential distribution with mean <see cref="ReplyDelay"/>.
    /// Default false. Excludes <see cref="ReplyDelayMax"/> and <see cref="ReplyDelayDeviation"/>.
    /// </summary>
    public bool ReplyDelayExponential { get; init; }

    /// <summary>
    /// Echo and ack modes: corrupt (as <see cref="CorruptEvery"/> does) this percentage (0-100, to 0.01) of the replies that were
    /// not dropped and not hit by <see cref="CorruptEvery"/>, at places drawn from <see cref="Seed"/>: exactly that share
    /// of every 100/percent replies, counted over the whole server. Null (default): never.
    /// </summary>
    public double? CorruptPercent { get; init; }

    /// <summary>
    /// Refuse this percentage (0-100) of the upgrade requests after the first <see cref="RefuseAfterConnections"/>, with
    /// <see cref="RefuseUpgradeStatus"/> (503 when that is not set), at seeded places. Null (default): with a status,
    /// refuse them all.
    /// </summary>
    public double? RefusePercent { get; init; }

    /// <summary>
    /// Close this percentage (0-100) of the connections, with <see cref="CloseCode"/>, when they receive their
    /// <see cref="CloseAfterMessages"/>th message (their first when that is not set), at seeded places among the
    /// connections reaching it. Null (default): with <see cref="CloseAfterMessages"/>, close every connection.
    /// </summary>
    public double? ClosePercent { get; init; }

    /// <summary>
    /// Slow accepts: hold each upgrade response this long before answering <c>101</c> (with <see cref="AcceptDelayMax"/>:
    /// a uniform draw from [<see cref="AcceptDelay"/>, <see cref="AcceptDelayMax"/>]). The client's upgrade time shows
    /// it. Default zero: answer at once.
    /// </summary>
    public TimeSpan AcceptDelay { get; init; }

    /// <summary>The upper bound of a uniformly drawn <see cref="AcceptDelay"/>. Null (default): a fixed delay.</summary>
    public TimeSpan? AcceptDelayMax { get; init; }

    /// <summary>
    /// Echo and ack modes: spend this much CPU on each received message, on the thread that handles it and before its reply, in a
    /// busy loop timed with <see cref="System.Diagnostics.Stopwatch"/> (not a sleep): a CPU-bound handler, so that enough
    /// load saturates the server's cores. At most one second. Default zero: no cost. Counted in
    /// <see cref="ServerStats.CpuBurnedMessages"/> and <see cref="ServerStats.CpuBurnedMilliseconds"/>.
    /// </summary>
    public TimeSpan CpuPerMessage { get; init; }

    /// <summary>
    /// The seed of every drawn fault (delays, percentages): the same seed hits the same replies, upgrades and
    /// connections. Null (default): a new random seed for each plan.
    /// </summary>
    public long? Seed { get; init; }

    /// <summary>The reply delay as one distribution.</summary>
    internal DelaySpec ReplyDelaySpec =>
        ReplyDelayDeviation is { } deviation ? new DelaySpec(DelayDistribution.Normal, ReplyDelay, deviation)
        : ReplyDelayExponential ? new DelaySpec(DelayDistribution.Exponential, ReplyDelay, TimeSpan.Zero)
        : ReplyDelayMax is { } max ? new DelaySpec(DelayDistribution.Uniform, ReplyDelay, max)
        : new DelaySpec(DelayDistribution.Fixed, ReplyDelay, ReplyDelay);

    /// <summary>The accept delay as one distribution.</summary>
    internal DelaySpec AcceptDelaySpec =>
        AcceptDelayMax is { } max ? new DelaySpec(DelayDistribution.Uniform, AcceptDelay, max) : new DelaySpec(DelayDistribution.Fixed, AcceptDelay, AcceptDelay);

    // ---- Connection drops (recovery testing; see Faults/ConnectionDropper.cs) ----

    /// <summary>
    /// Abort <see cref="DropCount"/> (or <see cref="DropPercent"/>%) of the open connections at once, without a close
    /// frame, this long after the server started (on <see cref="TargetServerOptions.TimeProvider"/>): the oldest first.
    /// <see cref="TargetServer.DropConnections"/> does the same at run time. Null (default): never.
    /// </summary>
    public TimeSpan? DropAt { get; init; }

    /// <summary>With <see cref="DropAt"/>: how many connections to drop (fewer when fewer are open).</summary>
    public int? DropCount { get; init; }

    /// <summary>With <see cref="DropAt"/>, instead of <see cref="DropCount"/>: the share of the open connections to drop, 0-100.</summary>
    public double? DropPercent { get; init; }
}
