using System.Collections.Concurrent;
using WsLoad.Connections;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// Recovery: what a drop is, reconnecting a dropped slot per <c>connections.reconnect</c> (the slot keeps its id, so
/// availability, sequences and correlation carry on), resending its unanswered messages (<c>messages.recovery</c>),
/// and the timeline events and summary of it all.
/// </summary>
internal sealed partial class LoadTestRun
{
    private readonly RecoveryTracker _recovery;
    private MessageSender? _resender;

    // Per-interval figures for the timeline, under _sampleLock (the sampler) or Interlocked (the connections).
    private long _intervalDrops;
    private long _intervalFirstDrop;
    private long _intervalReconnects;
    private long _intervalAttempts;
    private long _intervalFirstAttempt;

    // Every drop's time (injected ones too), placed into the series' intervals by time at the end: where each burst of
    // drops began, for the service recovery after each. By time, not by the interval the sampler was in when the drop
    // was counted, which a drop at an interval's edge could miss.
    private readonly ConcurrentQueue<long> _dropTimestamps = new();

    private double? _stormStart;
    private long _stormAttempts;

    private RecoveryTracker CreateRecovery()
    {
        var tracker = new RecoveryTracker(_scenario.Connections.Reconnect, _scenario.Messages.Recovery, _time.TimestampFrequency, seed: 17);
        if (tracker.Resends)
        {
            _traffic.Correlated = OnCorrelated;
        }

        return tracker;
    }

    /// <summary>Allocates what message recovery and retry need of a slot (its last 64 sends); nothing without them.</summary>
    private void PrepareRecovery(ClientSession session)
    {
        if ((_recovery.Resends || _retrier is not null) && session.RecentIntended is null)
        {
            session.RecentIntended = new long[64];
            session.RecentTypes = new ushort[64];
        }

        if (_recovery.Resends)
        {
            session.Resent ??= [];
        }

        if (_retrier is not null)
        {
            MessageRetrier.Prepare(session);
        }
    }

    /// <summary>
    /// A drop: an established connection ended without our asking, and not with a clean 1000 or 1001 close (an
    /// abnormal closure, a reset, or another close code). Called from <see cref="IWsConnectionHandler.OnClosed"/>.
    /// </summary>
    /// <remarks>An <paramref name="injected"/> drop (a client fault) has its own event; it is not a connections-dropped one.</remarks>
    private void OnEnded(ClientSession session, WsCloseInfo info, bool injected = false)
    {
        if (info.IsClean && info.StatusCode is WsCloseStatus.Normal or WsCloseStatus.GoingAway)
        {
            return;
        }

        var now = session.ClosedTimestamp;
        _recovery.Dropped(now, _traffic.ExpectsReplies ? session.Unanswered : 0);
        _dropTimestamps.Enqueue(now);
        if (!injected)
        {
            Interlocked.Increment(ref _intervalDrops);
            _ = Interlocked.CompareExchange(ref _intervalFirstDrop, now, 0);
        }

        if (!_recovery.Reconnect.Enabled || session.CloseRequested || _stopping.IsCancellationRequested)
        {
            return;
        }

        Interlocked.Increment(ref _pendingConnects);
        _ = ReconnectAsync(session);
    }

    private async Task ReconnectAsync(ClientSession session)
    {
        var runToken = _stopping.Token;
        try
        {
            for (var attempt = 1; attempt <= _recovery.Reconnect.MaxAttempts; attempt++)
            {
                var delay = _recovery.DelayBefore(attempt);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, runToken);
                }

                await _recovery.Gate.WaitAsync(runToken);
                try
                {
                    if (session.CloseRequested || await TryReconnectAsync(session, runToken))
                    {
                        return;
                    }
                }
                finally
                {
                    _recovery.Gate.Release();
                }
            }

            _recovery.GaveUp();
            CountNotResent(session);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            // The run ended while this slot waited to reconnect.
            CountNotResent(session);
        }
        finally
        {
            ConnectFinished();
        }
    }

    /// <summary>One reconnect attempt; true when the slot is back (or the run no longer wants it).</summary>
    private async Task<bool> TryReconnectAsync(ClientSession session, CancellationToken runToken)
    {
        _recovery.Attempted();
        Interlocked.Increment(ref _intervalAttempts);
        _ = Interlocked.CompareExchange(ref _intervalFirstAttempt, _time.GetTimestamp(), 0);
        _counters.ConnectAttempted();
        session.SetState(ClientSession.Pending);
        WsClientConnection connection;
        try
        {
            connection = await WsClientConnection.ConnectAsync(CreateRequest(session.Slot), this, runToken, state: session);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            session.SetState(ClientSession.Closed);
            return true;
        }
        catch (Exception exception)
        {
            session.SetState(ClientSession.Closed);
            if (exception is WsConnectException { HttpStatus: { } status })
            {
                _handshakeStatuses.Add(status);
            }

            _recovery.AttemptFailed();
            _counters.ConnectFailed();
            _counters.Error();
            var failureClass = "re" + (exception is WsConnectException connect ? ConnectClass(connect) : "connect-other");
            _failures.Record(failureClass, Elapsed(), session.Id, exception.Message);
            return false;
        }

        _connectPhases.Record(connection.Timings);
        _handshakeStatuses.Add(101);
        var now = _time.GetTimestamp();

        // Availability: the connection before counts as up from its 101 to its drop; the slot's window began at its first 101.
        if (session.FirstOpenedTimestamp == 0)
        {
            session.FirstOpenedTimestamp = session.OpenedTimestamp;
        }

        session.EarlierUpTicks += Math.Max(0, session.ClosedTimestamp - session.OpenedTimestamp);
        var dropped = session.ClosedTimestamp;
        session.Connection = connection;
        session.OpenedTimestamp = now;
        session.ClosedTimestamp = 0;
        if (!session.TrySetState(ClientSession.Pending, ClientSession.Open))
        {
            connection.Abort();
            return true;
        }

        _counters.Established();
        _recovery.Reconnected(now - dropped);
        Interlocked.Increment(ref _intervalReconnects);
        if (session.CloseRequested)
        {
            RequestClose(session);
            return true;
        }

        // The retrier keeps off the slot while its unanswered messages are resent; without resend, they stay lost and
        // are not retried on the new connection either.
        while (Interlocked.CompareExchange(ref session.RetryBusy, 1, 0) != 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), _time, runToken);
        }

        int resent;
        try
        {
            if (!_recovery.Resends)
            {
                Volatile.Write(ref session.RetryFloor, Volatile.Read(ref session.LastSequence) + 1);
            }

            resent = _recovery.Resends ? await ResendUnansweredAsync(session, connection, runToken) : 0;
        }
        finally
        {
            Volatile.Write(ref session.RetryBusy, 0);
        }

        Interlocked.Increment(ref session.SendEpoch);
        if (_window is not null)
        {
            _window.Reopen(session, resent);
        }
        else
        {
            _sendLoops[session.Slot % _sendLoops.Length].Add(session);
        }

        return true;
    }

    /// <summary>
    /// Sends again, in order, the slot's messages that had no reply when it dropped. Only the last 64 sends are known
    /// (the same window the sequence tracker keeps); older unanswered ones are counted as lost. Nothing else sends on the
    /// slot meanwhile: its new connection is handed to the send loop (or window) only afterwards.
    /// </summary>
    private async Task<int> ResendUnansweredAsync(ClientSession session, WsClientConnection connection, CancellationToken runToken)
    {
        var last = Volatile.Read(ref session.LastSequence);
        var highest = session.HighestSequenceSeen;
        var seen = session.SeenWindow;
        var sequences = new List<long>();
        for (var sequence = Math.Max(1, last - 63); sequence <= last; sequence++)
        {
            if (sequence > highest || (seen & (1UL << (int)(highest - sequence))) == 0)
            {
                sequences.Add(sequence);
            }
        }

        var unresendable = Math.Max(0, session.Unanswered - sequences.Count);
        lock (session.Resent!)
        {
            session.Resent.UnionWith(sequences);
        }

        _recovery.Resent(sequences.Count, unresendable);
        _resender ??= new MessageSender(_traffic, _time);
        var random = new Random(session.Id);
        try
        {
            foreach (var sequence in sequences)
            {
                await _resender.ResendAsync(session, connection, sequence, random, alongside: false, runToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Dropped again while resending: what was not answered is resent after the next reconnect.
            _traffic.SendFailed(session, exception);
        }

        return sequences.Count;
    }

    /// <summary>A slot that stays down: its unanswered messages (beyond those already resent once) are lost.</summary>
    private void CountNotResent(ClientSession session)
    {
        if (session.Resent is not { } resent || session.State == ClientSession.Open)
        {
            return;
        }

        int pending;
        lock (resent)
        {
            pending = resent.Count;
        }

        _recovery.Resent(0, Math.Max(0, session.Unanswered - pending));
    }

    private void OnCorrelated(ClientSession session, long sequence)
    {
        if (session.Resent is not { } resent)
        {
            return;
        }

        bool removed;
        lock (resent)
        {
            removed = resent.Count > 0 && resent.Remove(sequence);
        }

        if (removed)
        {
            _recovery.Recovered();
        }
    }

    /// <summary>
    /// Once a second (under the sample lock): drops and reconnects of the interval, and reconnect storms, on the
    /// timeline; returns the interval's events.
    /// </summary>
    private IReadOnlyList<RunEvent> RecordRecoveryInterval()
    {
        var drops = Interlocked.Exchange(ref _intervalDrops, 0);
        var firstDrop = Interlocked.Exchange(ref _intervalFirstDrop, 0);
        var reconnects = Interlocked.Exchange(ref _intervalReconnects, 0);
        var attempts = Interlocked.Exchange(ref _intervalAttempts, 0);
        var firstAttempt = Interlocked.Exchange(ref _intervalFirstAttempt, 0);
        if (drops > 0)
        {
            _timeline.Record(new RunEvent
            {
                AtSeconds = Math.Round(_time.GetElapsedTime(_start, firstDrop).TotalSeconds, 3),
                Source = RunEventSource.Client,
                Kind = "connections-dropped",
                Description = $"{drops} connection(s) dropped (closed abnormally, reset, or with a close code other than 1000/1001)",
                Count = drops,
            });
        }

        if (reconnects > 0)
        {
            _timeline.Record(RunEventSource.Client, "connections-reconnected", $"{reconnects} dropped connection(s) reconnected", count: reconnects);
        }

        // A reconnect storm: seconds in which reconnect attempts reach 5% of the planned connections (at least 10).
        var stormLevel = Math.Max(10, _plan.SlotCount / 20);
        if (attempts >= stormLevel)
        {
            _stormStart ??= Math.Round(_time.GetElapsedTime(_start, firstAttempt).TotalSeconds, 3);
            _stormAttempts += attempts;
        }
        else
        {
            EndStorm(Math.Round(_previousEndSeconds, 3));
        }

        return _timeline.TakeNew();
    }

    private void EndStorm(double endSeconds)
    {
        if (_stormStart is not { } start)
        {
            return;
        }

        _timeline.Record(new RunEvent
        {
            AtSeconds = start,
            Source = RunEventSource.Client,
            Kind = "reconnect-storm",
            Description = $"reconnect storm: {_stormAttempts} reconnect attempts in {endSeconds - start:0.#} s",
            Count = _stormAttempts,
            DurationSeconds = Math.Round(Math.Max(0, endSeconds - start), 3),
        });
        _stormStart = null;
        _stormAttempts = 0;
    }

    /// <summary>
    /// The recovery counts for the final record (the fold adds the service recovery after each burst of drops), or null
    /// when there is no reconnect policy and nothing dropped. Ends a reconnect storm still going at the last interval.
    /// </summary>
    private RecoverySummary? SummarizeRecovery()
    {
        lock (_sampleLock)
        {
            EndStorm(Math.Round(_previousEndSeconds, 3));
        }

        if (!_recovery.Reconnect.Enabled && _recovery.Drops == 0)
        {
            return null;
        }

        long stillUnanswered = 0;
        foreach (var session in _sessions)
        {
            if (session?.Resent is { } resent)
            {
                lock (resent)
                {
                    stillUnanswered += resent.Count;
                }
            }
        }

        return _recovery.Summarize(stillUnanswered, []);
    }
}
