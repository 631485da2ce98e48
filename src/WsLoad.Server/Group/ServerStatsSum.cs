namespace WsLoad.Server.Group;

/// <summary>
/// The counters of a group of server processes sharing a port, added up. The process id is the first process's (the
/// one to watch, or to stop); the GC pause time is the sum of the processes' (each paused only its own connections).
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
        a.GcPauseMilliseconds + b.GcPauseMilliseconds);
}
