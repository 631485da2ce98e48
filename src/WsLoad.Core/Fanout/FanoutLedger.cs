namespace WsLoad.Fanout;

/// <summary>
/// Works out, exactly, whom each broadcast message was due to reach and whom it reached, from the merged
/// <see cref="FanoutInterval"/>s of every process of a run, in interval order. A message is due to every subscriber of
/// its channel subscribed when it was published (from when the subscriber was surely registered, see BroadcastSubscription, to its subscription's end); its reach
/// is the share of those that got it, and the rest are missing. A message is resolved once every process has cut past
/// its publish time plus the message timeout and a grace of <see cref="GraceSeconds"/> (processes cut their intervals a
/// little apart), or when the run finishes.
/// Clocks: on one machine every process stamps with the same monotonic clock, so publish, subscribe and arrival times
/// compare as they are. Agents on other machines will have to translate their timestamps to the controller's clock
/// (an offset measured at the start barrier, as NTP does, with its error bound) before their intervals come here;
/// a fan-out latency across machines is then good to within that bound, and the run must say so.
/// Threading: one caller at a time.
/// </summary>
public sealed class FanoutLedger
{
    /// <summary>How long past a message's timeout the ledger waits for every process's records of it.</summary>
    public const double GraceSeconds = 2;

    /// <summary>How long a resolved message is remembered, so a delivery after it is told apart from one of a message never published.</summary>
    private const double RememberSeconds = 300;

    private readonly TimeSpan _timeout;
    private readonly bool _senderReceives;
    private readonly Dictionary<string, ChannelSubscriptions> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Publisher, long Sequence), PendingMessage> _pending = [];
    private readonly HashSet<(int Publisher, long Sequence)> _resolved = [];
    private readonly Queue<(long SentTimestamp, (int, long) Key)> _resolvedByTime = new();
    private long _frequency;

    /// <param name="messageTimeout">How long a delivery has to arrive.</param>
    /// <param name="senderReceives">Whether a publisher is due its own messages (the server sends them to the whole channel, sender included).</param>
    public FanoutLedger(TimeSpan messageTimeout, bool senderReceives = true)
    {
        _timeout = messageTimeout;
        _senderReceives = senderReceives;
    }

    /// <summary>Deliveries that arrived after their message was resolved (its timeout and the grace had passed): counted missing there, and here.</summary>
    public long LateDeliveries { get; private set; }

    /// <summary>Folds in the next interval and returns the messages it resolved, in publish order.</summary>
    public IReadOnlyList<ResolvedMessage> Add(int intervalIndex, FanoutInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        _frequency = interval.TimestampFrequency;
        foreach (var change in interval.Subscriptions)
        {
            Channel(change.Channel).Add(change);
        }

        foreach (var published in interval.Published)
        {
            Pending(published.Publisher, published.Sequence).Publish(published, intervalIndex);
        }

        foreach (var delivered in interval.Deliveries)
        {
            if (_resolved.Contains((delivered.Publisher, delivered.Sequence)))
            {
                LateDeliveries += delivered.Count;
                continue;
            }

            Pending(delivered.Publisher, delivered.Sequence).Deliver(delivered);
        }

        var horizon = interval.CutTimestamp - Ticks(_timeout.TotalSeconds + GraceSeconds);
        while (_resolvedByTime.TryPeek(out var oldest) && oldest.SentTimestamp < horizon - Ticks(RememberSeconds))
        {
            _resolved.Remove(_resolvedByTime.Dequeue().Key);
        }

        return Resolve(p => p.Published is { } m && m.SentTimestamp <= horizon, finalCut: null);
    }

    /// <summary>
    /// Resolves every message left, at the run's end. One published within the message timeout of
    /// <paramref name="lastCut"/> had less than its timeout to arrive: what it did not reach is counted as unresolved,
    /// not missing.
    /// </summary>
    public IReadOnlyList<ResolvedMessage> Finish(long lastCut) => Resolve(_ => true, lastCut);

    /// <summary>Subscribers of each channel at their peak, and the ledger's channels.</summary>
    public IReadOnlyDictionary<string, int> PeakSubscribers => _channels.ToDictionary(c => c.Key, c => c.Value.Peak, StringComparer.Ordinal);

    private List<ResolvedMessage> Resolve(Func<PendingMessage, bool> ready, long? finalCut)
    {
        var resolved = new List<ResolvedMessage>();
        foreach (var (key, pending) in _pending)
        {
            if (!ready(pending))
            {
                continue;
            }

            _pending.Remove(key);
            if (pending.Published is not { } message)
            {
                // Deliveries of a message no process published: another run's, or a stamp that decoded wrong.
                resolved.Add(new ResolvedMessage(key.Publisher, key.Sequence, "", 0, -1, 0, pending.Delivered, 0, Unpublished: true));
                continue;
            }

            _resolved.Add(key);
            _resolvedByTime.Enqueue((message.SentTimestamp, key));

            // The publisher is a subscriber of its channel too: due its own message only when the server sends it back.
            var subscribed = _channels.TryGetValue(message.Channel, out var channel) ? channel.SubscribedAt(message.SentTimestamp) : 0;
            var due = _senderReceives ? subscribed : Math.Max(0, subscribed - 1);
            var cutShort = finalCut is { } cut && message.SentTimestamp + Ticks(_timeout.TotalSeconds) > cut;
            resolved.Add(new ResolvedMessage(
                key.Publisher, key.Sequence, message.Channel, message.SentTimestamp, pending.PublishedInterval, due, pending.Delivered,
                pending.LastArrival, Unpublished: false, CutShort: cutShort));
        }

        resolved.Sort((a, b) => a.SentTimestamp.CompareTo(b.SentTimestamp));
        return resolved;
    }

    private ChannelSubscriptions Channel(string name)
    {
        if (!_channels.TryGetValue(name, out var channel))
        {
            _channels[name] = channel = new ChannelSubscriptions();
        }

        return channel;
    }

    private PendingMessage Pending(int publisher, long sequence)
    {
        if (!_pending.TryGetValue((publisher, sequence), out var pending))
        {
            _pending[(publisher, sequence)] = pending = new PendingMessage();
        }

        return pending;
    }

    private long Ticks(double seconds) => (long)(seconds * _frequency);

    private sealed class PendingMessage
    {
        public PublishedMessage? Published { get; private set; }

        public int PublishedInterval { get; private set; } = -1;

        public long Delivered { get; private set; }

        public long LastArrival { get; private set; }

        public void Publish(PublishedMessage message, int interval) => (Published, PublishedInterval) = (message, interval);

        public void Deliver(MessageDeliveries deliveries)
        {
            Delivered += deliveries.Count;
            LastArrival = Math.Max(LastArrival, deliveries.LastArrivalTimestamp);
        }
    }

    /// <summary>A channel's subscriptions as a step function of time: how many were subscribed at a moment.</summary>
    private sealed class ChannelSubscriptions
    {
        private readonly List<SubscriptionChange> _changes = [];
        private long[]? _running; // the count after each change, in time order; rebuilt after an addition
        private int _peak;

        public int Peak
        {
            get
            {
                Build();
                return _peak;
            }
        }

        public void Add(SubscriptionChange change)
        {
            _changes.Add(change);
            _running = null;
        }

        /// <summary>Subscribed at <paramref name="timestamp"/>: begun strictly before it, not yet ended.</summary>
        public long SubscribedAt(long timestamp)
        {
            Build();

            // The last change strictly before the timestamp.
            int low = 0, high = _changes.Count - 1, found = -1;
            while (low <= high)
            {
                var middle = (low + high) >>> 1;
                if (_changes[middle].AtTimestamp < timestamp)
                {
                    found = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return found < 0 ? 0 : Math.Max(0, _running![found]);
        }

        private void Build()
        {
            if (_running is not null)
            {
                return;
            }

            // Ends before beginnings at the same tick: a subscription that ends as another begins never counts both.
            _changes.Sort((a, b) => a.AtTimestamp != b.AtTimestamp ? a.AtTimestamp.CompareTo(b.AtTimestamp) : a.Delta.CompareTo(b.Delta));
            _running = new long[_changes.Count];
            long count = 0;
            for (var i = 0; i < _changes.Count; i++)
            {
                count += _changes[i].Delta;
                _running[i] = count;
                _peak = (int)Math.Max(_peak, count);
            }
        }
    }
}

/// <summary>
/// One message's outcome: due to <see cref="Due"/> subscribers, delivered to <see cref="Delivered"/>, the last of them
/// at <see cref="LastArrivalTimestamp"/>. <see cref="CutShort"/>: published within the timeout of the run's end, so
/// what it did not reach is unresolved rather than missing. <see cref="Unpublished"/>: deliveries of a message no
/// process published.
/// </summary>
public readonly record struct ResolvedMessage(
    int Publisher, long Sequence, string Channel, long SentTimestamp, int PublishedInterval, long Due, long Delivered, long LastArrivalTimestamp,
    bool Unpublished, bool CutShort = false)
{
    /// <summary>Due subscribers that did not get it (none when cut short).</summary>
    public long Missing => Unpublished || CutShort ? 0 : Math.Max(0, Due - Delivered);

    /// <summary>Deliveries past those due: should never happen; a server delivering to a channel's non-subscribers, or twice, would cause it.</summary>
    public long Excess => Math.Max(0, Delivered - Due);
}
