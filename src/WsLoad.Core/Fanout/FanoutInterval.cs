namespace WsLoad.Fanout;

/// <summary>
/// One process's raw record of a broadcast run's interval (<c>expect: broadcast</c>), carried in its
/// <see cref="Metrics.IntervalSnapshot"/>: what its publishers published, when its subscribers' subscriptions began and
/// ended, and how many of each message its subscribers got. Nothing here is a ratio: reach and missing deliveries need
/// every process's subscriptions, so the <see cref="FanoutLedger"/> works them out after the merge, exactly. Timestamps
/// are of one monotonic clock (Stopwatch) that all processes on one machine share; see <see cref="FanoutLedger"/> for
/// agents on other machines.
/// </summary>
public sealed record FanoutInterval
{
    /// <summary>When the process cut the interval, on the shared clock: nothing it records later is earlier than this less the message timeout.</summary>
    public long CutTimestamp { get; init; }

    /// <summary>Ticks a second of the timestamps (Stopwatch.Frequency).</summary>
    public long TimestampFrequency { get; init; }

    public IReadOnlyList<PublishedMessage> Published { get; init; } = [];

    public IReadOnlyList<SubscriptionChange> Subscriptions { get; init; } = [];

    /// <summary>Per message, the interval's deliveries to subscribers that were due to get it (see <see cref="BroadcastReceiver"/>).</summary>
    public IReadOnlyList<MessageDeliveries> Deliveries { get; init; } = [];

    /// <summary>Arrivals of messages a subscriber was not due to get: published before it subscribed, or after its subscription's end.</summary>
    public long Unexpected { get; init; }

    /// <summary>Several processes' records of one interval as one: lists joined, deliveries of the same message summed, the earliest cut.</summary>
    public static FanoutInterval? Merge(IEnumerable<FanoutInterval?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var present = parts.OfType<FanoutInterval>().ToList();
        if (present.Count <= 1)
        {
            return present.FirstOrDefault();
        }

        return new FanoutInterval
        {
            // The earliest: a message is resolved only once every process has cut past its time.
            CutTimestamp = present.Min(p => p.CutTimestamp),
            TimestampFrequency = present[0].TimestampFrequency,
            Published = [.. present.SelectMany(p => p.Published)],
            Subscriptions = [.. present.SelectMany(p => p.Subscriptions)],
            Deliveries =
            [
                .. present.SelectMany(p => p.Deliveries)
                    .GroupBy(d => (d.Publisher, d.Sequence))
                    .Select(g => new MessageDeliveries(g.Key.Publisher, g.Key.Sequence, g.Sum(d => d.Count), g.Max(d => d.LastArrivalTimestamp))),
            ],
            Unexpected = present.Sum(p => p.Unexpected),
        };
    }
}

/// <summary>A message a publisher sent to its channel: the publisher's connection id and its sequence there identify it.</summary>
public readonly record struct PublishedMessage(int Publisher, long Sequence, string Channel, long SentTimestamp);

/// <summary>
/// A subscription beginning (<see cref="Delta"/> +1, at the 101: the server registered it before answering) or ending
/// (-1: at its drop, or at its planned close less the message timeout, so every message it is due has time to arrive).
/// </summary>
public readonly record struct SubscriptionChange(string Channel, long AtTimestamp, int Delta);

/// <summary>How many subscribers got one message in an interval, and when the last of them did.</summary>
public readonly record struct MessageDeliveries(int Publisher, long Sequence, long Count, long LastArrivalTimestamp);
