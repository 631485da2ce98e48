using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// A clean end for each connection: a slot the plan closes (ramp-down, or the end of the hold) first stops sending,
/// then waits for the answers to what it has already sent, and only then sends its close frame. Without retries it
/// waits up to <c>messages.timeout</c>; with retries (<c>messages.retry</c>) up to the longest retry schedule, so a
/// message whose answer was lost just before the close still gets its retries. What is still unanswered when the close
/// frame goes out is split by <see cref="MarkUnansweredAtClose"/>: the messages in flight at the close are "unanswered
/// at close", apart from lost.
/// </summary>
internal sealed partial class LoadTestRun
{
    /// <summary>How often the answer drains are checked for their deadline; an answer that completes a drain closes it at once.</summary>
    private static readonly TimeSpan AnswerDrainScan = TimeSpan.FromMilliseconds(10);

    private readonly List<Task> _drains = [];
    private readonly List<ClientSession> _answerDrains = [];
    private Task? _answerDrainWatch;
    private long _drainedSlots;
    private long _drainedMessages;
    private long _drainUnresolved;
    private long _drainLongestTicks;
    private long _firstDrainTimestamp;

    /// <summary>The run's token (the caller's and the engine's stop): an interrupt ends the drains at once.</summary>
    private CancellationToken _runCancellation;

    /// <summary>The plan closes <paramref name="session"/>: no new message from here, and the close once it is answered.</summary>
    private void CloseWhenAnswered(ClientSession session)
    {
        // Before anything else: the send loop and the closed-loop window check it before every send.
        session.Draining = true;
        if (!_traffic.ExpectsReplies || session.State != ClientSession.Open)
        {
            RequestClose(session);
            return;
        }

        if (_retrier is { } retrier)
        {
            if (retrier.Outstanding(session) is not (> 0 and var outstanding))
            {
                RequestClose(session);
                return;
            }

            StartDrain(outstanding);
            var drain = DrainRetriesThenCloseAsync(session, retrier);
            lock (_drains)
            {
                _drains.Add(drain);
            }

            return;
        }

        if (session.Unanswered is not (> 0 and var unanswered))
        {
            RequestClose(session);
            return;
        }

        StartDrain(unanswered);
        session.DrainStartedTimestamp = _time.GetTimestamp();
        lock (_answerDrains)
        {
            _answerDrains.Add(session);
            _answerDrainWatch ??= Task.Run(WatchAnswerDrainsAsync, CancellationToken.None);
        }
    }

    /// <summary>Called after each received message: a draining slot whose last answer just arrived closes now.</summary>
    private void AnsweredWhileDraining(ClientSession session)
    {
        if (session.Draining && _retrier is null && session.Unanswered == 0 && session.DrainStartedTimestamp != 0)
        {
            RequestClose(session);
        }
    }

    private void StartDrain(long outstanding)
    {
        _ = Interlocked.CompareExchange(ref _firstDrainTimestamp, _time.GetTimestamp(), 0);
        Interlocked.Increment(ref _drainedSlots);
        Interlocked.Add(ref _drainedMessages, outstanding);
    }

    private void DrainEnded(long started, long unresolved)
    {
        Interlocked.Add(ref _drainUnresolved, unresolved);
        var took = _time.GetTimestamp() - started;
        long longest;
        while (took > (longest = Volatile.Read(ref _drainLongestTicks)) && Interlocked.CompareExchange(ref _drainLongestTicks, took, longest) != longest)
        {
        }
    }

    /// <summary>
    /// One task for every answer drain: closes the slots whose answers are all in (if the receive path has not already)
    /// and those whose <c>messages.timeout</c> has run out, until no drain is left.
    /// </summary>
    private async Task WatchAnswerDrainsAsync()
    {
        var timeout = _scenario.Messages.Timeout;
        while (true)
        {
            lock (_answerDrains)
            {
                for (var i = _answerDrains.Count - 1; i >= 0; i--)
                {
                    var session = _answerDrains[i];
                    var unanswered = session.Unanswered;
                    var expired = _time.GetElapsedTime(session.DrainStartedTimestamp) >= timeout || _runCancellation.IsCancellationRequested;
                    if (unanswered == 0 || expired || session.State != ClientSession.Open)
                    {
                        DrainEnded(session.DrainStartedTimestamp, unanswered);
                        RequestClose(session);
                        _answerDrains[i] = _answerDrains[^1];
                        _answerDrains.RemoveAt(_answerDrains.Count - 1);
                    }
                }

                if (_answerDrains.Count == 0)
                {
                    _answerDrainWatch = null;
                    return;
                }
            }

            await Task.Delay(AnswerDrainScan, _time, CancellationToken.None);
        }
    }

    private async Task DrainRetriesThenCloseAsync(ClientSession session, MessageRetrier retrier)
    {
        var started = _time.GetTimestamp();
        var limit = retrier.LongestSchedule + retrier.ScanInterval;
        int outstanding;
        while ((outstanding = retrier.Outstanding(session)) > 0 && _time.GetElapsedTime(started) < limit && !_runCancellation.IsCancellationRequested)
        {
            await Task.Delay(retrier.ScanInterval, _time, CancellationToken.None);
        }

        DrainEnded(started, outstanding);
        RequestClose(session);
    }

    /// <summary>
    /// Sends the close frame of an open slot (once). What it has not had answered by then is split: the messages sent
    /// after its newest answer, when that answer came within <c>messages.timeout</c> of the close, were still in flight
    /// and are "unanswered at close"; every other unanswered message had its chance and is lost.
    /// </summary>
    private void RequestClose(ClientSession session)
    {
        session.CloseRequested = true;
        if (session.TrySetState(ClientSession.Open, ClientSession.Closing) && session.Connection is { } connection)
        {
            MarkUnansweredAtClose(session);
            session.CloseStartedTimestamp = _time.GetTimestamp();
            _ = connection.CloseAsync(1000, "done", CloseTimeout);
        }
    }

    private void MarkUnansweredAtClose(ClientSession session)
    {
        if (!_traffic.ExpectsReplies || session.Unanswered is not (> 0 and var unanswered))
        {
            return;
        }

        var lastAnswer = Volatile.Read(ref session.LastAnsweredTimestamp);
        var since = lastAnswer != 0 ? lastAnswer : session.OpenedTimestamp;
        if (since == 0 || _time.GetElapsedTime(since) > _scenario.Messages.Timeout)
        {
            return; // nothing came back for longer than the timeout: what is missing is lost, not in flight
        }

        var tail = Volatile.Read(ref session.LastSequence) - Volatile.Read(ref session.HighestSequenceSeen);
        var atClose = Math.Clamp(tail, 0L, unanswered);
        Volatile.Write(ref session.UnansweredAtClose, atClose);
    }

    /// <summary>At the end of the plan: waits for the slots still draining, then puts the closing wait on the timeline.</summary>
    private async Task FinishDrainsAsync()
    {
        Task[] drains;
        lock (_drains)
        {
            drains = [.. _drains];
        }

        Task? watch;
        lock (_answerDrains)
        {
            watch = _answerDrainWatch;
        }

        await Task.WhenAll(drains).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (watch is not null)
        {
            await watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (Interlocked.Read(ref _drainedSlots) == 0)
        {
            return;
        }

        var unresolved = Interlocked.Read(ref _drainUnresolved);
        var longest = Math.Round(Interlocked.Read(ref _drainLongestTicks) / (double)_time.TimestampFrequency, 3);
        var what = _retrier is null ? "their answers" : "a retry or its answer";
        _timeline.Record(new RunEvent
        {
            AtSeconds = Math.Round(_time.GetElapsedTime(_start, _firstDrainTimestamp).TotalSeconds, 3),
            Source = RunEventSource.Client,
            Kind = _retrier is null ? "close-drain" : "retry-drain",
            Description = $"{_drainedSlots} connection(s) stopped sending and waited up to {longest:0.###} s before closing for {_drainedMessages} message(s) still awaiting {what}; {unresolved} unresolved",
            Count = unresolved,
            DurationSeconds = longest,
        });
    }
}
