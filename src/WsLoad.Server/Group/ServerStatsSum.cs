namespace WsLoad.Server.Group;

/// <summary>
/// The counters of a group of server processes sharing a port, added up. The process id is the first process's (the
/// one to watch, or to stop); the GC pause time is the sum of the processes' (each paused only its own connections).
/// Broadcast channels are added by name: a channel's clients may be spread over the processes, each process counting the
/// messages its own clients published and the deliveries to its own clients.
/// </summary>
internal static class ServerStatsSum
{
    public static ServerStats Add(ServerStats a, ServerStats b) => new(
        a.CurrentConnections + b.CurrentConnections,
        a.TotalAccepted + b.TotalAccepted,
        a.UpgradesRefused + b.UpgradesRefused,
        a.MessagesIn + b.MessagesIn,
        a.MessagesOut + b.MessagesOut,
        a.BytesIn + b.BytesIn,
        a.BytesOut + b.BytesOut,
        a.BroadcastDropped + b.BroadcastDropped,
        a.PushDropped + b.PushDropped,
        a.ClosedByFault + b.ClosedByFault,
        a.AbortedByFault + b.AbortedByFault,
        a.RepliesDelayed + b.RepliesDelayed,
        a.RepliesCorrupted + b.RepliesCorrupted,
        a.RepliesDropped + b.RepliesDropped,
        a.RepliesDuplicated + b.RepliesDuplicated,
        a.RepliesStalled + b.RepliesStalled,
        a.Stalls + b.Stalls,
        a.StalledMilliseconds + b.StalledMilliseconds,
        a.ProcessId,
        a.CpuBurnedMessages + b.CpuBurnedMessages,
        a.CpuBurnedMilliseconds + b.CpuBurnedMilliseconds,
        a.AcksSkipped + b.AcksSkipped,
        a.GcPauseMilliseconds + b.GcPauseMilliseconds,
        a.BroadcastDelivered + b.BroadcastDelivered,
        a.BroadcastDroppedByFault + b.BroadcastDroppedByFault,
        a.PushSkipped + b.PushSkipped,
        Add(a.Channels, b.Channels));

    private static ChannelStatsDictionary Add(ChannelStatsDictionary a, ChannelStatsDictionary b)
    {
        var sum = new Dictionary<string, ChannelStats>(a, StringComparer.Ordinal);
        foreach (var (name, theirs) in b)
        {
            sum[name] = sum.TryGetValue(name, out var ours) ? Add(ours, theirs) : theirs;
        }

        return new ChannelStatsDictionary(sum);
    }

    private static ChannelStats Add(ChannelStats a, ChannelStats b) => new(
        a.Subscribers + b.Subscribers,
        a.Published + b.Published,
        a.Delivered + b.Delivered,
        a.Dropped + b.Dropped,
        a.DroppedByFault + b.DroppedByFault);
}
