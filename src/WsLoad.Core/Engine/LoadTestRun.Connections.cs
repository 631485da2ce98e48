using WsLoad.Connections;
using WsLoad.Planning;

namespace WsLoad.Engine;

/// <summary>The connection side of a run: opening and closing slots as the plan says, and what their sockets report.</summary>
internal sealed partial class LoadTestRun : IConnectionSlots, IWsConnectionHandler
{
    void IConnectionSlots.Open(int slot)
    {
        var session = new ClientSession(_plan.GlobalSlot(slot), slot) { SendUntilTimestamp = PlanTimestamp(_plan.CloseAt(slot)) };
        PrepareRecovery(session);
        _sessions[slot] = session;
        Interlocked.Increment(ref _pendingConnects);
        _ = ConnectAsync(session);
    }

    void IConnectionSlots.Close(int slot)
    {
        // Draining already: a checkpoint's ramp-down closed it before the plan's own time came.
        if (_sessions[slot] is { Draining: false } session)
        {
            CloseWhenAnswered(session);
        }
    }

    void IWsConnectionHandler.OnMessage(WsClientConnection connection, ReadOnlySpan<byte> payload, bool isText, long receivedTimestamp)
    {
        if (connection.State is ClientSession session)
        {
            if (!session.FirstMessageSeen)
            {
                session.FirstMessageSeen = true;
                _connectPhases.RecordFirstMessage(connection.Timings.OpenTimestamp, receivedTimestamp);
            }

            if (session.Broadcast is { Begin: 0 } subscription)
            {
                subscription.BeginAt(connection.Timings.OpenTimestamp, JoinGraceTicks); // before Subscribe has run, if the loop is first
            }

            _traffic.OnReceived(session, payload);
            AnsweredWhileDraining(session);
        }
    }

    void IWsConnectionHandler.OnClosed(WsClientConnection connection, WsCloseInfo info)
    {
        if (connection.State is not ClientSession session)
        {
            return;
        }

        _closeCodes.Add(info.StatusCode);
        session.ClosedTimestamp = _time.GetTimestamp();
        Unsubscribe(session);
        var previous = session.SetState(ClientSession.Closed);
        if (previous is not (ClientSession.Open or ClientSession.Closing))
        {
            return;
        }

        _connectionEnds.Closed(session, info);

        if (session.FaultDropped && !session.CloseRequested)
        {
            OnClientFaultDropClosed(session, info);
            return;
        }

        var byUs = session.CloseRequested;
        _counters.Closed(byUs);
        if (!byUs)
        {
            _counters.Error();
            _failures.Record(CloseClass(info), Elapsed(), session.Id, info.Reason ?? $"closed by the {info.Initiator.ToString().ToLowerInvariant()} with {info.StatusCode}");
            OnEnded(session, info);
        }
    }

    private async Task ConnectAsync(ClientSession session)
    {
        var runToken = _stopping.Token;
        try
        {
            await _connectGate.WaitAsync(runToken);
        }
        catch (OperationCanceledException)
        {
            ConnectFinished();
            return;
        }

        try
        {
            if (session.CloseRequested)
            {
                return; // the plan closed it before it got its turn to connect
            }

            var started = _time.GetTimestamp();
            _ = Interlocked.CompareExchange(ref _firstAttemptTimestamp, started, 0);
            _counters.ConnectAttempted();
            var request = CreateRequest(session);
            PrepareSubscription(session, request);
            var connection = await WsClientConnection.ConnectAsync(request, this, runToken, state: session);
            _connectPhases.Record(connection.Timings);
            _handshakeStatuses.Add(101);
            session.Connection = connection;
            session.OpenedTimestamp = _time.GetTimestamp();
            Subscribe(session, connection);
            if (!session.TrySetState(ClientSession.Pending, ClientSession.Open))
            {
                connection.Abort();
                return;
            }

            _counters.Established();
            Volatile.Write(ref _lastEstablishedTimestamp, _time.GetTimestamp());
            if (session.CloseRequested)
            {
                RequestClose(session);
                return;
            }

            if (_window is not null)
            {
                _window.Open(session);
            }
            else if (Sends(session))
            {
                _sendLoops[session.Slot % _sendLoops.Length].Add(session);
            }
        }
        catch (WsConnectException exception)
        {
            if (exception.HttpStatus is { } status)
            {
                _handshakeStatuses.Add(status);
            }

            ConnectFailed(session, ConnectClass(exception), exception.Message);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            if (_endedAsPlanned)
            {
                // The plan ran out while this connect was still in progress: the target did not answer in time.
                ConnectFailed(session, "connect-unfinished", "still connecting when the run ended");
            }
            else
            {
                // Cut short by an interrupt or abort: attempted, but not a failure of the target.
                session.SetState(ClientSession.Closed);
            }
        }
        catch (Exception exception)
        {
            ConnectFailed(session, "connect-other", exception.Message);
        }
        finally
        {
            _connectGate.Release();
            ConnectFinished();
        }
    }

    private void ConnectFinished()
    {
        var pending = Interlocked.Decrement(ref _pendingConnects);
        if (pending == 0 && _stopping.IsCancellationRequested)
        {
            _connectsSettled.TrySetResult();
        }

    }

    /// <summary>Stops connects still in flight and waits (bounded) until each has been counted.</summary>
    private async Task SettleConnectsAsync()
    {
        await _stopping.CancelAsync();
        if (Volatile.Read(ref _pendingConnects) == 0)
        {
            _connectsSettled.TrySetResult();
        }

        await _connectsSettled.Task.WaitAsync(CloseTimeout, _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void ConnectFailed(ClientSession session, string failureClass, string message)
    {
        session.SetState(ClientSession.Closed);
        _counters.ConnectFailed();
        _counters.Error();
        _failures.Record(failureClass, Elapsed(), session.Id, message);

        // Fail fast: when the first attempts all fail and none succeeded, the target is not there (nothing listening,
        // upgrades refused, TLS rejected): say so at once instead of failing the whole plan one connection at a time.
        var snapshot = _counters.Snapshot();
        if (snapshot.ConnectsEstablished == 0 && snapshot.ConnectsFailed >= Math.Min(_plan.SlotCount, FailFastAttempts)
            && Interlocked.CompareExchange(ref _abortReason, $"no connection could be established: {failureClass}: {message}", null) is null)
        {
            _stopping.Cancel();
        }
    }

    /// <summary>
    /// The request of a slot: one per source address, built at its first connect and shared by all later ones, so that
    /// what a request prepares (the URL with its query; for wss:// the TLS context: CA file, client certificate, trust
    /// policy) is prepared once per run rather than on every connect. The network proxy, if any, starts before them.
    /// </summary>
    private WsConnectRequest CreateRequest(int slot)
    {
        var sources = _sourceAddresses;
        var index = sources.Length == 0 ? 0 : slot % sources.Length;
        if (Volatile.Read(ref _requests[index]) is { } shared)
        {
            return shared;
        }

        var request = ThroughNetwork(WsConnectRequest.FromTarget(_scenario.Target, sources.Length == 0 ? null : sources[index]) with
        {
            TimeProvider = _time,
        });
        return Interlocked.CompareExchange(ref _requests[index], request, null) ?? request;
    }

    /// <summary>Closes every open connection gracefully (bounded in time) and waits for connects still in flight.</summary>
    private async Task CloseEverythingAsync()
    {
        // One deadline for every connection closing now: a timer each would be 10,000 timers at the run's end.
        using var deadline = new CancellationTokenSource(CloseTimeout, _time);
        var closing = new List<Task>();
        foreach (var session in _sessions)
        {
            if (session is null)
            {
                continue;
            }

            session.CloseRequested = true;
            session.Draining = true;
            if (session.TrySetState(ClientSession.Open, ClientSession.Closing) && session.Connection is { } connection)
            {
                // Not drained: an interrupt, an abort, or a slot the plan never closed. What is in flight is so at close.
                MarkUnansweredAtClose(session);
                session.CloseStartedTimestamp = _time.GetTimestamp();
                closing.Add(connection.CloseAsync(1000, "done", deadline.Token));
            }
            else if (session.State == ClientSession.Closing && session.Connection is { } alreadyClosing)
            {
                closing.Add(alreadyClosing.Completion);
            }
        }

        var all = Task.WhenAll(closing);
        await all.WaitAsync(CloseTimeout + TimeSpan.FromSeconds(1), _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var session in _sessions)
        {
            if (session?.State is ClientSession.Open or ClientSession.Closing)
            {
                session.Connection?.Abort();
            }
        }
    }

    /// <summary>The failure class of a connect error, e.g. <c>connect-refused</c> or <c>upgrade-rejected-503</c>.</summary>
    private static string ConnectClass(WsConnectException exception) =>
        exception.Failure == WsFailure.UpgradeRejected && exception.HttpStatus is { } status
            ? $"upgrade-rejected-{status}"
            : "connect-" + exception.FailureName;

    /// <summary>The failure class of an unasked-for close, e.g. <c>close-1011</c> or <c>close-1006-reset</c>.</summary>
    private static string CloseClass(WsCloseInfo info) =>
        info.Failure is { } failure ? $"close-{info.StatusCode}-{failure.ToName()}" : $"close-{info.StatusCode}";

    /// <summary>The timestamp of <paramref name="at"/> on the run's clock (saturating: a hold of years is "never").</summary>
    private long PlanTimestamp(TimeSpan at)
    {
        var ticks = at.TotalSeconds * _time.TimestampFrequency;
        return ticks >= long.MaxValue / 2 ? long.MaxValue : _start + (long)ticks;
    }

    private double Elapsed() => _time.GetElapsedTime(_start).TotalSeconds;
}
