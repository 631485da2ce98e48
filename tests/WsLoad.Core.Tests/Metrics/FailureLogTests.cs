using MathNet.Numerics.Distributions;
using WsLoad.Metrics;

namespace WsLoad.Tests.Metrics;

/// <summary>
/// The failure log counts every failure, keeps the first N in detail and a uniform reservoir sample of the rest. Each
/// failure is recorded with its sequence number as its connection id, so a kept one names which failure it was.
/// </summary>
public sealed class FailureLogTests
{
    [Fact]
    public void The_first_n_are_exactly_the_first_n_in_order_and_every_failure_is_counted()
    {
        var log = new FailureLog(detailLimit: 10, sampleLimit: 5, new Random(1));

        Record(log, 1_000);

        Assert.Equal(Enumerable.Range(0, 10), log.Details().Select(f => f.ConnectionId));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i / 1000.0), log.Details().Select(f => f.AtSeconds));
        Assert.Equal(990, log.Undetailed);
        Assert.Equal(1_000, log.CountsByClass().Values.Sum());
        Assert.Equal((500L, 500L), (log.CountsByClass()["close-1011"], log.CountsByClass()["connect-refused"]));
    }

    [Fact]
    public void The_sample_is_bounded_and_holds_only_real_failures_after_the_first_n_each_once_in_order()
    {
        var log = new FailureLog(detailLimit: 10, sampleLimit: 5, new Random(2));

        Record(log, 3);
        Assert.Empty(log.Samples()); // all in the first ten
        Record(log, 10, from: 3);
        Assert.Equal([10, 11, 12], log.Samples().Select(f => f.ConnectionId)); // fewer than the reservoir holds: all kept

        Record(log, 100_000, from: 13);

        var samples = log.Samples();
        Assert.Equal(5, samples.Count);
        Assert.All(samples, f =>
        {
            Assert.InRange(f.ConnectionId, 10, 100_012);
            Assert.Equal(Message(f.ConnectionId), f.Message); // what was recorded for that failure, not a mix
            Assert.Equal(Class(f.ConnectionId), f.Class);
        });
        Assert.Equal(samples.Select(f => f.ConnectionId).Order(), samples.Select(f => f.ConnectionId)); // in order, each once
        Assert.Equal(samples.Count, samples.Select(f => f.ConnectionId).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 10), log.Details().Select(f => f.ConnectionId)); // the first ten untouched
    }

    [Fact]
    public void Each_later_failure_is_kept_with_probability_sample_size_over_their_count()
    {
        // 4,000 logs, each of 10 first failures and 100 later ones into a reservoir of 10: each later failure is kept
        // by a log with probability 10/100, so across the logs its count is Binomial(4,000, 0.1) (mean 400, sd 19).
        // Each bound leaves a tail of 5e-12, so a correct log fails one of the 200 bounds with probability under 1e-9
        // (and with this fixed seed, never). Keeping the first or the last ten, or favouring early or late failures by
        // more than about a third, is outside them.
        const int Logs = 4_000, First = 10, Later = 100, Size = 10;
        const double P = (double)Size / Later, Tail = 5e-12;
        var kept = new int[Later];
        var seeds = new Random(20261127);
        for (var i = 0; i < Logs; i++)
        {
            var log = new FailureLog(First, Size, new Random(seeds.Next()));
            Record(log, First + Later);
            foreach (var failure in log.Samples())
            {
                kept[failure.ConnectionId - First]++;
            }
        }

        var (low, high) = (LowerBound(Logs, P, Tail), UpperBound(Logs, P, Tail));
        Assert.Equal((277, 535), (low, high)); // about 400 ± 6.8 sd
        Assert.All(kept.Select((count, later) => (count, later)), k => Assert.True(
            k.count >= low && k.count <= high, $"later failure {k.later} kept {k.count} times of {Logs}, outside [{low}, {high}]"));
        Assert.Equal(Logs * Size, kept.Sum());
    }

    [Fact]
    public async Task Recording_from_many_threads_keeps_the_counts_and_bounds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var log = new FailureLog(detailLimit: 50, sampleLimit: 20, new Random(3));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(
            () =>
            {
                for (var i = 0; i < 5_000; i++)
                {
                    var id = (thread * 5_000) + i;
                    log.Record(Class(id), id / 1000.0, id, Message(id));
                }
            },
            timeout.Token)));

        Assert.Equal(40_000, log.CountsByClass().Values.Sum());
        Assert.Equal(50, log.Details().Count);
        Assert.Equal(39_950, log.Undetailed);
        var kept = log.Details().Concat(log.Samples()).Select(f => f.ConnectionId).ToList();
        Assert.Equal(70, kept.Distinct().Count()); // the first fifty and twenty more, none twice
        Assert.All(log.Samples(), f => Assert.Equal(Message(f.ConnectionId), f.Message));
    }

    [Fact]
    public void The_most_common_class_is_named_with_a_message_even_when_its_failures_came_after_the_first_n()
    {
        var log = new FailureLog(detailLimit: 2, sampleLimit: 3, new Random(4));
        log.Record("connect-refused", 0.1, 0, "refused");
        log.Record("connect-refused", 0.2, 1, "refused");
        for (var i = 2; i < 10; i++)
        {
            log.Record("upgrade-rejected-503", 1, i, "HTTP 503");
        }

        Assert.Equal("upgrade-rejected-503: HTTP 503", log.MostCommon());
        Assert.Equal("", new FailureLog().MostCommon());
    }

    private static void Record(FailureLog log, int count, int from = 0)
    {
        for (var id = from; id < from + count; id++)
        {
            log.Record(Class(id), id / 1000.0, id, Message(id));
        }
    }

    private static string Class(int id) => id % 2 == 0 ? "close-1011" : "connect-refused";

    private static string Message(int id) => $"failure {id}";

    /// <summary>The largest k with P(X &lt; k) ≤ <paramref name="tail"/> for X ~ Binomial(n, p).</summary>
    private static int LowerBound(int n, double p, double tail)
    {
        var k = 0;
        while (Binomial.CDF(p, n, k) <= tail)
        {
            k++;
        }

        return k;
    }

    /// <summary>The smallest k with P(X &gt; k) ≤ <paramref name="tail"/> for X ~ Binomial(n, p).</summary>
    private static int UpperBound(int n, double p, double tail)
    {
        var k = n;
        while (k > 0 && 1 - Binomial.CDF(p, n, k - 1) <= tail)
        {
            k--;
        }

        return k;
    }

    [Fact]
    public void Each_interval_takes_its_own_first_failures_and_the_next_starts_empty()
    {
        var log = new FailureLog(detailLimit: 3, sampleLimit: 3, new Random(1));
        for (var i = 0; i < 25; i++)
        {
            log.Record("send-failed", i / 10.0, i, $"failure {i}");
        }

        var first = log.TakeInterval();
        log.Record("connect-refused", 9, 99, "later");
        var second = log.TakeInterval();

        Assert.Equal(Enumerable.Range(0, FailureLog.IntervalLimit), first.Select(f => f.ConnectionId));
        Assert.Equal(99, Assert.Single(second).ConnectionId);
        Assert.Empty(log.TakeInterval());
        Assert.Equal(26, log.CountsByClass().Values.Sum()); // taking an interval's failures counts nothing twice and loses none
    }
}
