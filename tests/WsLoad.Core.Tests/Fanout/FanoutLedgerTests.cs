using WsLoad.Fanout;
using WsLoad.Metrics;

namespace WsLoad.Tests.Fanout;

/// <summary>The ledger on hand-made records whose answers are known: ticks are milliseconds here (frequency 1,000).</summary>
public sealed class FanoutLedgerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_message_is_due_to_the_subscribers_of_its_channel_subscribed_when_it_was_published()
    {
        var ledger = new FanoutLedger(Timeout);

        // Room a: subscribers from 100 ms, 200 ms and 900 ms; one ends early at 600 ms. Room b: one subscriber.
        var resolved = ledger.Add(0, Interval(
            cut: 10_000,
            subscriptions: [.. Sub("a", 100, 9_000), .. Sub("a", 200, 9_000), .. Sub("a", 900, 9_000), .. Sub("b", 100, 9_000), .. Early("a", 600, 9_000)],
            published: [new(1, 1, "a", 500), new(1, 2, "a", 700), new(1, 3, "a", 1_000), new(2, 1, "b", 500)],
            deliveries: [new(1, 1, 2, 520), new(1, 2, 1, 710), new(1, 3, 1, 1_030), new(2, 1, 1, 505)]));

        Assert.Equal(
            [
                (1, 1L, 2L, 2L, 0L), // 500 ms: the two of room a that began before it
                (2, 1L, 1L, 1L, 0L),
                (1, 2L, 1L, 1L, 0L), // 700 ms: the first ended at 600 and the third has not begun
                (1, 3L, 2L, 1L, 1L), // 1,000 ms: the one that began at 900 is due too, and did not get it
            ],
            resolved.Select(m => (m.Publisher, m.Sequence, m.Due, m.Delivered, m.Missing)));
    }

    [Fact]
    public void A_message_waits_for_its_timeout_and_the_grace_before_it_is_resolved()
    {
        var ledger = new FanoutLedger(Timeout);
        var subscriptions = Sub("a", 0, 100_000);

        // Published at 1,000 ms: resolvable once every process has cut past 1,000 + 1,000 + 2,000 ms.
        Assert.Empty(ledger.Add(0, Interval(cut: 2_000, subscriptions, published: [new(1, 1, "a", 1_000)], deliveries: [])));
        Assert.Empty(ledger.Add(1, Interval(cut: 3_999, [], [], deliveries: [new(1, 1, 1, 3_500)])));
        var resolved = Assert.Single(ledger.Add(2, Interval(cut: 4_000, [], [], [])));

        Assert.Equal((1L, 1L, 0, 3_500L), (resolved.Due, resolved.Delivered, resolved.PublishedInterval, resolved.LastArrivalTimestamp));
    }

    [Fact]
    public void Deliveries_reported_before_their_publish_are_kept_for_it()
    {
        // Another process cut its interval later: the delivery came in an interval before the publish record.
        var ledger = new FanoutLedger(Timeout);
        _ = ledger.Add(0, Interval(cut: 1_000, [.. Sub("a", 0, 100_000)], [], deliveries: [new(7, 1, 1, 900)]));
        _ = ledger.Add(1, Interval(cut: 2_000, [], published: [new(7, 1, "a", 890)], []));

        var resolved = Assert.Single(ledger.Finish(lastCut: 10_000));

        Assert.Equal((1L, 1L, 0L, 1), (resolved.Due, resolved.Delivered, resolved.Missing, resolved.PublishedInterval));
    }

    [Fact]
    public void At_the_end_a_message_published_within_its_timeout_is_cut_short_and_not_missing()
    {
        var ledger = new FanoutLedger(Timeout);
        _ = ledger.Add(0, Interval(cut: 5_000, [.. Sub("a", 0, 100_000), .. Sub("a", 0, 100_000)], published: [new(1, 1, "a", 4_500)], deliveries: [new(1, 1, 1, 4_510)]));

        var resolved = Assert.Single(ledger.Finish(lastCut: 5_000));

        Assert.True(resolved.CutShort);
        Assert.Equal((2L, 1L, 0L), (resolved.Due, resolved.Delivered, resolved.Missing));
    }

    [Fact]
    public void Deliveries_of_a_message_no_publisher_sent_are_excess()
    {
        var ledger = new FanoutLedger(Timeout);
        _ = ledger.Add(0, Interval(cut: 1_000, [], [], deliveries: [new(99, 5, 2, 500)]));

        var resolved = Assert.Single(ledger.Finish(lastCut: 1_000));

        Assert.True(resolved.Unpublished);
        Assert.Equal((0L, 2L), (resolved.Missing, resolved.Excess));
    }

    [Fact]
    public void A_delivery_after_its_message_was_resolved_is_late_not_excess()
    {
        var ledger = new FanoutLedger(Timeout);
        _ = ledger.Add(0, Interval(cut: 1_000, [.. Sub("a", 0, 100_000), .. Sub("a", 0, 100_000)], published: [new(1, 1, "a", 500)], deliveries: [new(1, 1, 1, 510)]));
        var resolved = Assert.Single(ledger.Add(1, Interval(cut: 4_000, [], [], [])));
        Assert.Equal(1L, resolved.Missing);

        Assert.Empty(ledger.Add(2, Interval(cut: 5_000, [], [], deliveries: [new(1, 1, 1, 4_800)])));
        Assert.Empty(ledger.Finish(lastCut: 5_000));

        Assert.Equal(1, ledger.LateDeliveries);
    }

    [Fact]
    public void A_publisher_is_not_due_its_own_message_when_the_server_does_not_send_it_back()
    {
        var ledger = new FanoutLedger(Timeout, senderReceives: false);
        _ = ledger.Add(0, Interval(cut: 1_000, [.. Sub("a", 0, 100_000), .. Sub("a", 0, 100_000), .. Sub("a", 0, 100_000)], published: [new(1, 1, "a", 500)], deliveries: [new(1, 1, 2, 510)]));

        var resolved = Assert.Single(ledger.Finish(lastCut: 10_000));

        Assert.Equal((2L, 2L, 0L), (resolved.Due, resolved.Delivered, resolved.Missing));
    }

    [Fact]
    public void Peak_subscribers_count_each_channel_at_its_fullest()
    {
        var ledger = new FanoutLedger(Timeout);
        _ = ledger.Add(0, Interval(cut: 1_000, [.. Sub("a", 0, 500), .. Sub("a", 100, 900), .. Sub("a", 600, 900), .. Sub("b", 0, 10)], [], []));

        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 }, ledger.PeakSubscribers);
    }

    [Fact]
    public void Merging_processes_records_sums_deliveries_of_one_message_and_keeps_the_earliest_cut()
    {
        var merged = FanoutInterval.Merge(
        [
            Interval(cut: 2_000, [.. Sub("a", 0, 9)], [new(1, 1, "a", 5)], [new(1, 1, 2, 10), new(1, 2, 1, 20)]),
            null,
            Interval(cut: 1_990, [.. Sub("b", 0, 9)], [], [new(1, 1, 3, 12)]) with { Unexpected = 4 },
        ])!;

        Assert.Equal(1_990, merged.CutTimestamp);
        Assert.Equal(4, merged.Subscriptions.Count);
        Assert.Equal(4, merged.Unexpected);
        Assert.Equal([new MessageDeliveries(1, 1, 5, 12), new MessageDeliveries(1, 2, 1, 20)], merged.Deliveries.OrderBy(d => d.Sequence));
    }

    [Fact]
    public void A_snapshot_with_a_fanout_record_survives_the_wire()
    {
        var snapshot = new IntervalSnapshot
        {
            Index = 3,
            Fanout = Interval(cut: 2_000, [.. Sub("/ws?channel=1", 0, 9)], [new(1, 1, "/ws?channel=1", 5)], [new(1, 1, 2, 10)]) with { Unexpected = 7 },
        };

        var back = IntervalSnapshotJson.Deserialize(IntervalSnapshotJson.Serialize(snapshot)).Fanout!;

        Assert.Equal((2_000L, 1_000L, 7L), (back.CutTimestamp, back.TimestampFrequency, back.Unexpected));
        Assert.Equal(snapshot.Fanout!.Published, back.Published);
        Assert.Equal(snapshot.Fanout.Subscriptions, back.Subscriptions);
        Assert.Equal(snapshot.Fanout.Deliveries, back.Deliveries);
    }

    private static FanoutInterval Interval(long cut, IEnumerable<SubscriptionChange> subscriptions, IReadOnlyList<PublishedMessage> published, IReadOnlyList<MessageDeliveries> deliveries) => new()
    {
        CutTimestamp = cut,
        TimestampFrequency = 1_000,
        Subscriptions = [.. subscriptions],
        Published = published,
        Deliveries = deliveries,
    };

    // A subscription as FanoutRecorder records it: its beginning and its planned end.
    private static SubscriptionChange[] Sub(string channel, long begin, long end) => [new(channel, begin, +1), new(channel, end, -1)];

    private static SubscriptionChange[] Early(string channel, long at, long plannedEnd) => [new(channel, at, -1), new(channel, plannedEnd, +1)];
}
