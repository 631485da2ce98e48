namespace WsLoad.Fanout;

/// <summary>
/// Collects one process's <see cref="FanoutInterval"/>: publishes (from send loops), subscription changes (from
/// connects and closes) and deliveries (from every receive loop). Deliveries are tallied per message in striped
/// dictionaries, so 100,000 a second from many threads contend rarely, and an interval's cut swaps each stripe under
/// its lock: no delivery is lost between two intervals or counted in both.
/// Thread-safe.
/// </summary>
internal sealed class FanoutRecorder(TimeProvider time)
{
    private const int Stripes = 32;

    private readonly object _listLock = new();
    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new Stripe())];
    private List<PublishedMessage> _published = [];
    private List<SubscriptionChange> _subscriptions = [];
    private long _unexpected;

    public void Published(int publisher, long sequence, string channel, long sentTimestamp)
    {
        lock (_listLock)
        {
            _published.Add(new PublishedMessage(publisher, sequence, channel, sentTimestamp));
        }
    }

    /// <summary>A subscription from <paramref name="begin"/> (its 101) to its planned <paramref name="end"/>; nothing when it ends before it begins.</summary>
    public void Subscribed(string channel, long begin, long end)
    {
        if (end <= begin)
        {
            return;
        }

        lock (_listLock)
        {
            _subscriptions.Add(new SubscriptionChange(channel, begin, +1));
            _subscriptions.Add(new SubscriptionChange(channel, end, -1));
        }
    }

    /// <summary>The subscription began at <paramref name="to"/> rather than <paramref name="from"/>, as first recorded.</summary>
    public void MovedBegin(string channel, long from, long to)
    {
        lock (_listLock)
        {
            _subscriptions.Add(new SubscriptionChange(channel, to, +1));
            _subscriptions.Add(new SubscriptionChange(channel, from, -1));
        }
    }

    /// <summary>The subscription ended at <paramref name="at"/>, before its planned <paramref name="plannedEnd"/>: the planned end is taken back.</summary>
    public void EndedEarly(string channel, long at, long plannedEnd)
    {
        lock (_listLock)
        {
            _subscriptions.Add(new SubscriptionChange(channel, at, -1));
            _subscriptions.Add(new SubscriptionChange(channel, plannedEnd, +1));
        }
    }

    public void Delivered(int publisher, long sequence, long arrival)
    {
        var stripe = _stripes[(int)((uint)HashCode.Combine(publisher, sequence) % Stripes)];
        lock (stripe)
        {
            ref var tally = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(stripe.Tallies, (publisher, sequence), out _);
            tally.Count++;
            tally.Last = Math.Max(tally.Last, arrival);
        }
    }

    public void Unexpected() => Interlocked.Increment(ref _unexpected);

    /// <summary>Everything recorded since the last cut.</summary>
    public FanoutInterval TakeInterval()
    {
        var cut = time.GetTimestamp();
        List<PublishedMessage> published;
        List<SubscriptionChange> subscriptions;
        lock (_listLock)
        {
            (published, _published) = (_published, []);
            (subscriptions, _subscriptions) = (_subscriptions, []);
        }

        var deliveries = new List<MessageDeliveries>();
        foreach (var stripe in _stripes)
        {
            Dictionary<(int, long), Tally> taken;
            lock (stripe)
            {
                (taken, stripe.Tallies) = (stripe.Tallies, []);
            }

            foreach (var ((publisher, sequence), tally) in taken)
            {
                deliveries.Add(new MessageDeliveries(publisher, sequence, tally.Count, tally.Last));
            }
        }

        return new FanoutInterval
        {
            CutTimestamp = cut,
            TimestampFrequency = time.TimestampFrequency,
            Published = published,
            Subscriptions = subscriptions,
            Deliveries = deliveries,
            Unexpected = Interlocked.Exchange(ref _unexpected, 0),
        };
    }

    private sealed class Stripe
    {
        public Dictionary<(int, long), Tally> Tallies = [];
    }

    private struct Tally
    {
        public long Count;
        public long Last;
    }
}
