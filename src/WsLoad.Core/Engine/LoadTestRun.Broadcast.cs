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
    /// A broadcast connection's 101: its subscription begins, and its planned end (its close less the message timeout)
    /// is recorded with it. A publisher stops publishing there too, so that what it publishes has its timeout to reach
    /// the subscribers that close with it, rather than counting as not due to them.
    /// </summary>
    private void Subscribe(ClientSession session, WsConnectRequest request)
    {
        if (_traffic.Fanout is not { } fanout)
        {
            return;
        }

        var close = PlanTimestamp(_plan.CloseAt(session.Slot));
        var end = close == long.MaxValue ? long.MaxValue : close - _traffic.TimeoutTicks;
        var subscription = new BroadcastSubscription(request.Url.PathAndQuery, session.OpenedTimestamp, end);
        session.Broadcast = subscription;
        if (Sends(session))
        {
            Volatile.Write(ref session.SendUntilTimestamp, Math.Min(session.SendUntilTimestamp, end));
        }

        fanout.Subscribed(subscription.Channel, subscription.Begin, subscription.End);
    }

    /// <summary>A broadcast connection closed: before its planned end, what it was no longer there for is not due to it.</summary>
    private void Unsubscribe(ClientSession session)
    {
        if (_traffic.Fanout is { } fanout && session.Broadcast is { } subscription
            && session.ClosedTimestamp > subscription.Begin && session.ClosedTimestamp < subscription.End)
        {
            fanout.EndedEarly(subscription.Channel, session.ClosedTimestamp, subscription.End);
        }
    }
}
