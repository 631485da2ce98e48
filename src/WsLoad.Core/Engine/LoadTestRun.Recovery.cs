using WsLoad.Connections;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// Recovery: what a drop is, reconnecting a dropped slot per <c>connections.reconnect</c> (the slot keeps its id, so
/// availability, sequences and correlation carry on), resending its unanswered messages (<c>messages.recovery</c>),
/// and the timeline events and summary of it all.
/// </summary>
/// <remarks>
/// This file holds the tracker, the drop itself and the final summary. Reconnecting a slot is in
/// <c>LoadTestRun.Reconnect.cs</c>, resending its unanswered messages in <c>LoadTestRun.Resend.cs</c>, and the per-second
/// drop, reconnect and reconnect-storm events in <c>LoadTestRun.RecoveryTimeline.cs</c>.
/// </remarks>
internal sealed partial class LoadTestRun
{
    private readonly RecoveryTracker _recovery;

    private RecoveryTracker CreateRecovery()
    {
        var tracker = new RecoveryTracker(_scenario.Connections.Reconnect, _scenario.Messages.Recovery, _time.TimestampFrequency, seed: 17);
        if (tracker.Resends)
        {
            _traffic.Correlated = OnCorrelated;
        }

        return tracker;
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
