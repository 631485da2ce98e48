using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// Closing with retries (<c>messages.retry</c>): a slot the plan closes (ramp-down, or the end of the hold) first stops
/// sending new messages and waits for its retries still due and their answers, at most the longest retry schedule, so
/// a message whose answer was lost just before the close is not counted lost while it still had retries left.
/// Without retries a slot closes at once.
/// </summary>
internal sealed partial class LoadTestRun
{
    private readonly List<Task> _drains = [];
    private long _drainedSlots;
    private long _drainedMessages;
    private long _drainUnresolved;
    private long _drainLongestTicks;
    private long _firstDrainTimestamp;

    /// <summary>The run's token (the caller's and the engine's stop): an interrupt ends the drains at once.</summary>
    private CancellationToken _runCancellation;

    private void CloseAfterRetries(ClientSession session)
    {
        if (_retrier is not { } retrier || retrier.Outstanding(session) is not (> 0 and var outstanding))
        {
            RequestClose(session);
            return;
        }

        session.Draining = true;
        _ = Interlocked.CompareExchange(ref _firstDrainTimestamp, _time.GetTimestamp(), 0);
        Interlocked.Increment(ref _drainedSlots);
        Interlocked.Add(ref _drainedMessages, outstanding);
        var drain = DrainThenCloseAsync(session, retrier);
        lock (_drains)
        {
            _drains.Add(drain);
        }
    }

    private async Task DrainThenCloseAsync(ClientSession session, MessageRetrier retrier)
    {
        var started = _time.GetTimestamp();
        var limit = retrier.LongestSchedule + retrier.ScanInterval;
        int outstanding;
        while ((outstanding = retrier.Outstanding(session)) > 0 && _time.GetElapsedTime(started) < limit && !_runCancellation.IsCancellationRequested)
        {
            await Task.Delay(retrier.ScanInterval, _time, CancellationToken.None);
        }

        Interlocked.Add(ref _drainUnresolved, outstanding);
        var took = _time.GetTimestamp() - started;
        long longest;
        while (took > (longest = Volatile.Read(ref _drainLongestTicks)) && Interlocked.CompareExchange(ref _drainLongestTicks, took, longest) != longest)
        {
        }

        RequestClose(session);
    }

    /// <summary>At the end of the plan: waits for the slots still draining, then puts the closing wait on the timeline.</summary>
    private async Task FinishDrainsAsync()
    {
        Task[] drains;
        lock (_drains)
        {
            drains = [.. _drains];
        }

        if (drains.Length == 0)
        {
            return;
        }

        await Task.WhenAll(drains).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var unresolved = Interlocked.Read(ref _drainUnresolved);
        var longest = Math.Round(Interlocked.Read(ref _drainLongestTicks) / (double)_time.TimestampFrequency, 3);
        _timeline.Record(new RunEvent
        {
            AtSeconds = Math.Round(_time.GetElapsedTime(_start, _firstDrainTimestamp).TotalSeconds, 3),
            Source = RunEventSource.Client,
            Kind = "retry-drain",
            Description = $"{_drainedSlots} connection(s) waited up to {longest:0.###} s before closing for {_drainedMessages} message(s) still awaiting a retry or its answer; {unresolved} unresolved",
            Count = unresolved,
            DurationSeconds = longest,
        });
    }
}
