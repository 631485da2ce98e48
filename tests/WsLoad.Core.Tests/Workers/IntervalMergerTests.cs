using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Workers;

namespace WsLoad.Tests.Workers;

public sealed class IntervalMergerTests
{
    [Fact]
    public void An_interval_comes_out_once_every_running_worker_has_sent_it_in_order()
    {
        var merger = new IntervalMerger(workers: 2);
        merger.Add(0, Snapshot(0, sent: 1));
        merger.Add(0, Snapshot(1, sent: 2));
        Assert.Empty(merger.TakeReady()); // worker 1 has sent nothing yet

        merger.Add(1, Snapshot(0, sent: 10));
        var first = Assert.Single(merger.TakeReady());
        Assert.Equal((0, 11L), (first.Index, first.Counters.Sent));

        merger.Add(1, Snapshot(1, sent: 20));
        Assert.Equal([(1, 22L)], merger.TakeReady().Select(s => (s.Index, s.Counters.Sent)));
    }

    [Fact]
    public void A_worker_that_ended_no_longer_holds_the_merge_up_and_an_event_rides_on_the_next_interval()
    {
        var merger = new IntervalMerger(workers: 2);
        merger.Add(0, Snapshot(0, sent: 1));
        merger.Add(1, Snapshot(0, sent: 2));
        merger.Add(0, Snapshot(1, sent: 3));
        merger.Add(0, Snapshot(2, sent: 4));
        Assert.Equal([0], merger.TakeReady().Select(s => s.Index));

        merger.End(1);
        merger.AddEvent(new RunEvent { Kind = "worker-lost", AtSeconds = 1.5 });
        var rest = merger.TakeReady().ToList();

        Assert.Equal([(1, 3L), (2, 4L)], rest.Select(s => (s.Index, s.Counters.Sent)));
        Assert.Equal("worker-lost", Assert.Single(rest[0].Events).Kind);
        Assert.Empty(rest[1].Events);
    }

    [Fact]
    public void What_is_left_at_the_end_comes_out_in_order()
    {
        var merger = new IntervalMerger(workers: 2);
        merger.Add(1, Snapshot(3, sent: 5));
        merger.Add(0, Snapshot(2, sent: 7));

        Assert.Equal([2, 3], merger.TakeRest().Select(s => s.Index));
    }

    private static IntervalSnapshot Snapshot(int index, long sent) => new()
    {
        Index = index,
        StartSeconds = index,
        EndSeconds = index + 1,
        Counters = new SnapshotCounters { Sent = sent },
    };
}
