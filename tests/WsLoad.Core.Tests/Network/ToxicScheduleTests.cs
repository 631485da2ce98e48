using Microsoft.Extensions.Time.Testing;
using WsLoad.Network;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Network;

/// <summary>Toxics are put in place and removed at their times on the run's clock (a fake one here).</summary>
public class ToxicScheduleTests
{
    [Fact]
    public void A_partition_window_is_in_place_exactly_from_its_start_to_its_end()
    {
        var time = new FakeTimeProvider();
        var set = new ToxicSet();
        var log = new List<string>();
        var toxics = new[]
        {
            ScheduledToxic.From(new NetworkToxicOptions { Type = NetworkToxicType.Latency, Latency = TimeSpan.FromMilliseconds(50) }, 0),
            ScheduledToxic.From(new NetworkToxicOptions { Type = NetworkToxicType.Partition, At = TimeSpan.FromSeconds(30), Duration = TimeSpan.FromSeconds(10) }, 1),
        };

        using var schedule = ToxicSchedule.Start(
            toxics,
            time,
            time.GetTimestamp(),
            t =>
            {
                set.Set(t.Name, t.Toxic);
                log.Add($"{time.GetUtcNow() - time.Start:c} +{t.Name}");
            },
            t =>
            {
                set.Remove(t.Name);
                log.Add($"{time.GetUtcNow() - time.Start:c} -{t.Name}");
            });

        Assert.Equal(["00:00:00 +latency-0"], log); // due at once: in place before Start returns
        time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromTicks(1));
        Assert.False(set.Current.Upstream.Partitioned);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(set.Current.Upstream.Partitioned && set.Current.Downstream.Partitioned);
        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.True(set.Current.Downstream.Partitioned);
        time.Advance(TimeSpan.FromTicks(1));
        Assert.False(set.Current.Downstream.Partitioned);
        Assert.Equal(["00:00:00 +latency-0", "00:00:30 +partition-1", "00:00:40 -partition-1"], log);
        Assert.Equal(TimeSpan.FromMilliseconds(50), set.Current.Upstream.Latency); // no duration: stays to the end
    }

    [Fact]
    public void Times_count_from_the_start_given_and_nothing_happens_after_dispose()
    {
        var time = new FakeTimeProvider();
        var start = time.GetTimestamp();
        time.Advance(TimeSpan.FromSeconds(5)); // the proxy started 5 s into the run
        var added = new List<string>();
        var toxic = ScheduledToxic.From(new NetworkToxicOptions { Type = NetworkToxicType.Bandwidth, Rate = 1000, At = TimeSpan.FromSeconds(10) }, 0);
        var schedule = ToxicSchedule.Start([toxic], time, start, t => added.Add(t.Name), _ => { });

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["bandwidth-0"], added);

        var later = ScheduledToxic.From(new NetworkToxicOptions { Type = NetworkToxicType.SlowClose, Delay = TimeSpan.FromSeconds(1), At = TimeSpan.FromSeconds(20) }, 1);
        using var second = ToxicSchedule.Start([later], time, start, t => added.Add(t.Name), _ => { });
        second.Dispose();
        schedule.Dispose();
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["bandwidth-0"], added);
    }
}
