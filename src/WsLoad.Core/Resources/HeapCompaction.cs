namespace WsLoad.Resources;

/// <summary>What one <see cref="HeapCompaction.CompactAndDecommit"/> did.</summary>
/// <param name="Pause">Time the runtime was paused for it (GC pause time, not the caller's wall time).</param>
/// <param name="WorkingSetBefore">The process's resident memory just before, in bytes.</param>
/// <param name="WorkingSetAfter">The same just after: what the collection handed back to the OS shows here.</param>
/// <param name="HeapAfter">Managed heap left after it: what is really live.</param>
/// <param name="CommittedAfter">Memory the GC still holds committed after it.</param>
internal readonly record struct HeapCompactionResult(
    TimeSpan Pause, long WorkingSetBefore, long WorkingSetAfter, long HeapAfter, long CommittedAfter);

/// <summary>
/// One full, compacting collection that also gives free memory back to the OS. After a burst of connects the heap is
/// mostly garbage of the connects (handshake buffers, tasks, socket operations) sitting in a gen0 budget of tens of MB,
/// plus regions that a normal collection keeps committed; an idle run then allocates too little to ever collect it.
/// Threading: any thread; it blocks every managed thread for <see cref="HeapCompactionResult.Pause"/>.
/// </summary>
internal static class HeapCompaction
{
    public static HeapCompactionResult CompactAndDecommit()
    {
        var workingSetBefore = Environment.WorkingSet;
        var pausedBefore = GC.GetTotalPauseDuration();

        // Aggressive: besides compacting, the GC gives its free regions back to the OS. A plain
        // forced compacting collection (measured) frees the same garbage but keeps the memory committed: RSS stays put.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var pause = GC.GetTotalPauseDuration() - pausedBefore;
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return new HeapCompactionResult(pause, workingSetBefore, Environment.WorkingSet, info.HeapSizeBytes, info.TotalCommittedBytes);
    }
}
