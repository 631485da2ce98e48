using WsLoad.Network;

namespace WsLoad.Tests.Network;

/// <summary>The pure parts of the toxics: when a chunk may pass (latency, jitter, loss stalls, order) and the token bucket.</summary>
public class ToxicTimingTests
{
    private const long Frequency = 1_000_000; // timestamps in µs

    [Fact]
    public void Latency_without_jitter_holds_each_chunk_exactly_that_long()
    {
        var conditions = new LinkConditions { Latency = TimeSpan.FromMilliseconds(50) };
        Assert.Equal(1_050_000, ChunkTiming.Release(1_000_000, 0, conditions, new Random(1), Frequency));
    }

    [Fact]
    public void Under_jitter_no_chunk_overtakes_an_earlier_one_and_each_stays_within_latency_plus_jitter()
    {
        var conditions = new LinkConditions { Latency = TimeSpan.FromMilliseconds(50), Jitter = TimeSpan.FromMilliseconds(20) };
        var random = new Random(42);
        var previous = 0L;
        var heldBack = 0;
        for (var arrival = 0L; arrival < 2_000_000; arrival += 1_000) // a chunk a millisecond: jitter would reorder many
        {
            var release = ChunkTiming.Release(arrival, previous, conditions, random, Frequency);
            Assert.True(release >= previous, $"chunk at {arrival} µs released at {release}, before the one ahead ({previous})");
            Assert.InRange(release - arrival, 30_000, 70_000);
            heldBack += release == previous ? 1 : 0;
            previous = release;
        }

        Assert.True(heldBack > 0, "with 20 ms jitter on 1 ms spacing some chunks must wait for the one ahead");
    }

    [Fact]
    public void Loss_stalls_about_its_share_of_chunks_and_never_loses_one()
    {
        var conditions = new LinkConditions { LossProbability = 0.1, LossStall = TimeSpan.FromMilliseconds(200) };
        var random = new Random(7);
        var stalled = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var arrival = i * 1_000_000L; // far apart, so a stall never holds up the next
            var release = ChunkTiming.Release(arrival, 0, conditions, random, Frequency);
            stalled += release - arrival == 200_000 ? 1 : 0;
        }

        Assert.InRange(stalled, 900, 1_100);
    }

    [Theory]
    [InlineData(1_048_576, 16_384)]
    [InlineData(1_048_576, 65_536)]
    [InlineData(10_000, 1_000)]
    public void Token_bucket_sends_at_its_rate_whatever_the_chunk_size(long rate, int chunk)
    {
        var bucket = new TokenBucket(Frequency);
        var now = 1L;
        var total = 0L;
        while (total < rate * 10)
        {
            var wait = bucket.Take(chunk, rate, now);
            now += (long)(wait.TotalSeconds * Frequency); // send when the bucket allows, at once
            total += chunk;
        }

        var seconds = (double)now / Frequency;
        Assert.InRange(total / seconds, rate * 0.98, rate * 1.03); // one initial burst of 20 ms is the only excess
    }

    [Fact]
    public void Toxics_combine_per_direction_and_a_change_is_signalled()
    {
        var set = new ToxicSet();
        var before = set.Current;
        set.Set("lat", new LatencyToxic(TimeSpan.FromMilliseconds(50)) { Direction = ToxicDirection.Downstream });
        set.Set("bw", new BandwidthToxic(1000));
        set.Set("bw2", new BandwidthToxic(500) { Direction = ToxicDirection.Upstream });

        Assert.True(before.Changed.IsCompleted);
        Assert.False(set.Current.Changed.IsCompleted);
        Assert.Equal(TimeSpan.Zero, set.Current.Upstream.Latency);
        Assert.Equal(TimeSpan.FromMilliseconds(50), set.Current.Downstream.Latency);
        Assert.Equal(500, set.Current.Upstream.BytesPerSecond);
        Assert.Equal(1000, set.Current.Downstream.BytesPerSecond);

        Assert.True(set.Remove("lat"));
        Assert.False(set.Remove("lat"));
        Assert.Equal(TimeSpan.Zero, set.Current.Downstream.Latency);
    }
}
