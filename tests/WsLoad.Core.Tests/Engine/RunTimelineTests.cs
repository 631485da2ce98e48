using Microsoft.Extensions.Time.Testing;
using WsLoad.Engine;
using WsLoad.Results;

namespace WsLoad.Tests.Engine;

public sealed class RunTimelineTests
{
    [Fact]
    public void Events_are_timed_on_the_run_clock_and_listed_by_time()
    {
        var time = new FakeTimeProvider();
        var timeline = new RunTimeline(time, time.GetTimestamp());

        time.Advance(TimeSpan.FromSeconds(5));
        timeline.Record(RunEventSource.Server, "connections-dropped", "dropped 500 of 2,000 connections", count: 500);
        timeline.Record(new RunEvent { AtSeconds = 2.5, Source = RunEventSource.Network, Kind = "latency-added", Description = "+50 ms each way", DurationSeconds = 20 });

        var events = timeline.Snapshot();
        Assert.Equal([2.5, 5], events.Select(e => e.AtSeconds));
        Assert.Equal(("connections-dropped", 500L), (events[1].Kind, events[1].Count!.Value));
    }

    [Fact]
    public void Past_the_capacity_events_are_counted_not_kept()
    {
        var time = new FakeTimeProvider();
        var timeline = new RunTimeline(time, time.GetTimestamp());

        for (var i = 0; i < RunTimeline.Capacity + 3; i++)
        {
            timeline.Record(RunEventSource.Client, "reconnected", "");
        }

        Assert.Equal((RunTimeline.Capacity, 3L), (timeline.Snapshot().Count, timeline.Dropped));
    }
}
