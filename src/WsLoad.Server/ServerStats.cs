namespace WsLoad.Server;

/// <summary>
/// A snapshot of the target server's counters since it started (served as JSON at <c>GET /stats</c>).
/// Each counter is read atomically on its own; the set is not one consistent cut.
/// </summary>
/// <param name="CurrentConnections">WebSocket connections open now.</param>
/// <param name="TotalAccepted">WebSocket upgrades accepted since start.</param>
/// <param name="UpgradesRefused">Upgrade requests answered with an HTTP status instead (refuse fault, or server stopping).</param>
/// <param name="MessagesIn">Whole messages received from clients.</param>
/// <param name="MessagesOut">Whole messages sent to clients.</param>
/// <param name="BytesIn">Payload bytes received (frame headers not counted).</param>
/// <param name="BytesOut">Payload bytes sent (frame headers not counted).</param>
/// <param name="BroadcastDropped">Broadcast deliveries dropped because a recipient's send queue was full.</param>
/// <param name="PushDropped">Push messages not sent because the client's send queue was full.</param>
/// <param name="ClosedByFault">Connections closed by a close fault (after N messages, or close-all).</param>
/// <param name="AbortedByFault">Connections aborted by the abort fault.</param>
/// <param name="RepliesDelayed">Echo and ack replies held for a reply delay.</param>
/// <param name="RepliesCorrupted">Echo and ack replies sent with a flipped byte.</param>
/// <param name="RepliesDropped">Echo and ack replies swallowed by the drop fault.</param>
/// <param name="RepliesDuplicated">Echo and ack replies sent twice (counted once per reply, not per extra copy).</param>
/// <param name="RepliesStalled">Echo and ack replies that had to wait for a stall to end.</param>
/// <param name="Stalls">Stalls started (scheduled, or triggered at run time); extending a running stall is not a new one.</param>
/// <param name="StalledMilliseconds">Total length of the stall windows, in milliseconds.</param>
/// <param name="ProcessId">The server process id, to find it when watching CPU and memory.</param>
/// <param name="CpuBurnedMessages">Messages that paid the CPU-per-message fault's cost.</param>
/// <param name="CpuBurnedMilliseconds">CPU time, in milliseconds, the CPU-per-message fault burned (wall time of its busy loops).</param>
/// <param name="AcksSkipped">Ack mode: messages that got no ack because they carry no id (not a JSON object with a string or number <c>id</c>, or binary).</param>
/// <param name="GcPauseMilliseconds">
/// Time the server's process paused for garbage collection since it started, in milliseconds: a load generator that
/// reads /stats every second sees when the server's own GC held the replies.
/// </param>
/// <param name="BroadcastDelivered">Broadcast deliveries sent to a recipient's connection (the sender's own copy included): the sum of <see cref="Channels"/>' Delivered.</param>
/// <param name="BroadcastDroppedByFault">Broadcast deliveries swallowed by the drop fault (<see cref="ServerFaults.DropEvery"/>): the sum of <see cref="Channels"/>' DroppedByFault.</param>
/// <param name="PushSkipped">Push mode: sequence numbers skipped by <see cref="TargetServerOptions.PushSkipEvery"/> (never sent; the next message carries the next number).</param>
/// <param name="Channels">
/// Broadcast mode: each channel's counters, by channel name; <see cref="ChannelStats.NoChannel"/> (the empty string) for
/// the clients without a channel. Empty in the other modes. Absent from older JSON: read as empty.
/// </param>
public sealed record ServerStats(
    long CurrentConnections,
    long TotalAccepted,
    long UpgradesRefused,
    long MessagesIn,
    long MessagesOut,
    long BytesIn,
    long BytesOut,
    long BroadcastDropped,
    long PushDropped,
    long ClosedByFault,
    long AbortedByFault,
    long RepliesDelayed,
    long RepliesCorrupted,
    long RepliesDropped,
    long RepliesDuplicated,
    long RepliesStalled,
    long Stalls,
    long StalledMilliseconds,
    int ProcessId,
    long CpuBurnedMessages,
    long CpuBurnedMilliseconds,
    long AcksSkipped,
    double GcPauseMilliseconds,
    long BroadcastDelivered,
    long BroadcastDroppedByFault,
    long PushSkipped,
    ChannelStatsDictionary? Channels)
{
    /// <summary>Broadcast mode: each channel's counters, by channel name (never null; empty in the other modes).</summary>
    public ChannelStatsDictionary Channels { get; init; } = Channels ?? ChannelStatsDictionary.Empty;
}
