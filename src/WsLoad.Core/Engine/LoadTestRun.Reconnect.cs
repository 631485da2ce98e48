using WsLoad.Connections;

namespace WsLoad.Engine;

/// <summary>
/// Reconnecting a dropped slot per <c>connections.reconnect</c>: the backoff between attempts, the gate that bounds
/// concurrent attempts, and one attempt, which puts the new connection in the slot (keeping its id and availability
/// window), resends what had no reply when that is on, and hands the slot back to its send loop or window.
/// </summary>
internal sealed partial class LoadTestRun
{
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
        var request = CreateRequest(session);

        // The new connection's stream starts afresh; its receive loop may run before the connect returns.
        session.Push = default;
        PrepareSubscription(session, request);
        try
        {
            connection = await WsClientConnection.ConnectAsync(request, this, runToken, state: session);
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
        Subscribe(session, connection);
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
        else if (Sends(session))
        {
            _sendLoops[session.Slot % _sendLoops.Length].Add(session);
        }

        return true;
    }
}
