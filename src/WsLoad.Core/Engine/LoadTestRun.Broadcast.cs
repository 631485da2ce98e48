using WsLoad.Connections;
using WsLoad.Fanout;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>
/// <c>expect: broadcast</c>: every connection subscribes to its channel (its URL, from the target's URL template) from
/// its 101; the first connections of the plan publish. See <see cref="FanoutLedger"/> for what is measured.
/// </summary>
internal sealed partial class LoadTestRun
{
    private readonly UrlTemplate? _urlTemplate;
    private readonly int _publishers;

    private bool IsBroadcast => _traffic.Fanout is not null;

    private long JoinGraceTicks => (long)(BroadcastSubscription.JoinGrace.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Whether the slot's connection sends: every one, except in a broadcast where only publishers do.</summary>
    private bool Sends(ClientSession session) => !IsBroadcast || session.Id < _publishers;

    /// <summary>The request of one connection: the shared one of its source address, with its own URL when the target's URL has placeholders.</summary>
    private WsConnectRequest CreateRequest(ClientSession session)
    {
        var shared = CreateRequest(session.Slot);
        return _urlTemplate is { HasPlaceholders: true } template
            ? shared.WithUrl(template.Expand(session.Id), _scenario.Target.Query)
            : shared;
    }

    /// <summary>
    /// Before a broadcast connection connects: its subscription, with its channel and planned end (its close less the
    /// message timeout), so that its receive loop, which may start before the connect returns, has it. A publisher stops
    /// publishing at that end too, so that what it publishes has its timeout to reach the subscribers that close with it,
    /// rather than counting as not due to them.
    /// </summary>
    private void PrepareSubscription(ClientSession session, WsConnectRequest request)
    {
        if (_traffic.Fanout is null)
        {
            return;
        }

        var close = PlanTimestamp(_plan.CloseAt(session.Slot));
        var end = close == long.MaxValue ? long.MaxValue : close - _traffic.TimeoutTicks;
        session.Broadcast = new BroadcastSubscription(request.Url.PathAndQuery, end);
        if (Sends(session))
        {
            Volatile.Write(ref session.SendUntilTimestamp, Math.Min(session.SendUntilTimestamp, end));
        }
    }

    /// <summary>The connection's 101: its subscription begins, in the ledger with its planned end (or its close, if that came first).</summary>
    private void Subscribe(ClientSession session, WsClientConnection connection)
    {
        if (_traffic.Fanout is not { } fanout || session.Broadcast is not { } subscription)
        {
            return;
        }

        subscription.BeginAt(connection.Timings.OpenTimestamp, JoinGraceTicks);
        lock (subscription)
        {
            subscription.Recorded = true;
            fanout.Subscribed(subscription.Channel, subscription.Begin, subscription.End);
            if (subscription.ClosedAt > subscription.Begin && subscription.ClosedAt < subscription.End)
            {
                fanout.EndedEarly(subscription.Channel, subscription.ClosedAt, subscription.End); // it closed before this ran
            }
        }
    }

    /// <summary>A broadcast connection closed: before its planned end, what it was no longer there for is not due to it.</summary>
    private void Unsubscribe(ClientSession session)
    {
        if (_traffic.Fanout is not { } fanout || session.Broadcast is not { } subscription)
        {
            return;
        }

        lock (subscription)
        {
            subscription.ClosedAt = session.ClosedTimestamp;
            if (subscription.Recorded && subscription.ClosedAt > subscription.Begin && subscription.ClosedAt < subscription.End)
            {
                fanout.EndedEarly(subscription.Channel, subscription.ClosedAt, subscription.End);
            }
        }
    }
}
