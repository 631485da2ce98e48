using System.Globalization;
using WsLoad.Resources;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// The moment the ramp-up has settled (the plan has opened every slot and no connect is in flight) and what the run
/// does then: one compacting collection that returns the connects' garbage to the OS, recorded on the timeline as
/// <c>heap-compacted</c> with its pause, so the latency series can be read against it. Only for runs of at least
/// <see cref="LoadTestOptions.HeapCompactionFromConnections"/> connections.
/// </summary>
internal sealed partial class LoadTestRun
{
    private int _slotsOpened;
    private int _rampSettled;

    /// <summary>Called by the plan's Open: counts the slots the plan has opened.</summary>
    private void SlotOpened() => Interlocked.Increment(ref _slotsOpened);

    /// <summary>Called when a connect has been counted; the first time every slot is opened and none is pending, acts once.</summary>
    /// <remarks>
    /// Open counts a connect as pending before it counts the slot as opened, so once every slot is seen opened, a pending
    /// count of zero read after it means the last connect has finished too.
    /// </remarks>
    private void CheckRampSettled(int pendingConnects)
    {
        if (_options.HeapCompactionFromConnections is not { } threshold || _plan.SlotCount < threshold
            || pendingConnects != 0 || Volatile.Read(ref _slotsOpened) < _plan.SlotCount || Volatile.Read(ref _pendingConnects) != 0
            || _stopping.IsCancellationRequested || Interlocked.Exchange(ref _rampSettled, 1) != 0)
        {
            return;
        }

        // Off the connect's own continuation: the collection blocks every thread anyway, but the connect path stays short.
        _ = Task.Run(CompactHeapAfterRamp, CancellationToken.None);
    }

    private void CompactHeapAfterRamp()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var at = _timeline.Now; // when the pause began, so that latency spikes line up with it
        var result = HeapCompaction.CompactAndDecommit();
        _timeline.Record(new RunEvent
        {
            AtSeconds = at,
            Source = RunEventSource.Run,
            Kind = "heap-compacted",
            Description = string.Create(
                CultureInfo.InvariantCulture,
                $"ramp-up settled: compacted the generator's heap in a {result.Pause.TotalMilliseconds:0.#} ms pause; resident memory {Mb(result.WorkingSetBefore)} → {Mb(result.WorkingSetAfter)} MB, live heap {Mb(result.HeapAfter)} MB (GC committed {Mb(result.CommittedAfter)} MB)"),
            DurationSeconds = result.Pause.TotalSeconds,
        });
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
