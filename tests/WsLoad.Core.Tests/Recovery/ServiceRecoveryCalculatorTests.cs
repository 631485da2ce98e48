using WsLoad.Results;

namespace WsLoad.Tests.Recovery;

/// <summary>"When was the service back" over synthetic per-second series.</summary>
public class ServiceRecoveryCalculatorTests
{
    // One interval a second: (received, rtt p99 ms, dropped).
    private static IntervalSample[] Series(params (long Received, double? P99, long Dropped)[] seconds) =>
        [.. seconds.Select((s, i) => new IntervalSample { AtSeconds = i + 1, Received = s.Received, RttP99 = s.P99, Dropped = s.Dropped })];

    [Fact]
    public void Back_at_the_end_of_the_first_second_after_the_burst_within_ten_percent_of_the_baseline()
    {
        var series = Series(
            (100, 5, 0), // ramp-up: not baseline
            (1000, 10, 0), (1000, 12, 0), (1000, 10, 0), // baseline: 1000/s, p99 10 ms (median)
            (400, 80, 300), // the burst (drops at 4.5 s)
            (1300, 20, 0), // throughput 30% high: backlog
            (1050, 10.9, 0), // within 10% on both
            (1000, 10, 0));

        var result = ServiceRecoveryCalculator.Compute(series, faultAt: 4.5, baselineFrom: 1, holdEnd: 8);

        Assert.Equal((3, 1000.0, 10.0), (result.BaselineIntervals, result.BaselineThroughputPerSec!.Value, result.BaselineRttP99Ms!.Value));
        Assert.Equal(7, result.BackAtSeconds);
        Assert.Equal(2.5, result.SecondsToRecover);
    }

    [Fact]
    public void Seconds_with_drops_are_never_back_and_a_burst_spans_consecutive_seconds_with_drops()
    {
        var series = Series((1000, 10, 0), (1000, 10, 0), (1000, 10, 5), (1000, 10, 5), (1000, 10, 0));
        var result = ServiceRecoveryCalculator.Compute(series, faultAt: 2.2, baselineFrom: 0, holdEnd: 10);
        Assert.Equal(5, result.BackAtSeconds);
    }

    [Fact]
    public void A_sub_millisecond_p99_may_move_by_one_millisecond()
    {
        var series = Series((1000, 0.4, 0), (1000, 0.4, 0), (0, null, 10), (1000, 1.3, 0));
        Assert.Equal(4, ServiceRecoveryCalculator.Compute(series, faultAt: 2.5, baselineFrom: 0, holdEnd: 10).BackAtSeconds);
    }

    [Fact]
    public void Not_back_when_latency_stays_high_or_the_hold_ends_first()
    {
        var series = Series((1000, 10, 0), (1000, 10, 0), (0, null, 10), (1000, 30, 0), (1000, 25, 0), (1000, 10, 0));
        var result = ServiceRecoveryCalculator.Compute(series, faultAt: 2.5, baselineFrom: 0, holdEnd: 5);
        Assert.Null(result.BackAtSeconds);
        Assert.Null(result.SecondsToRecover);
    }

    [Fact]
    public void Without_a_whole_baseline_second_nothing_is_judged()
    {
        var series = Series((0, null, 5), (1000, 10, 0));
        var result = ServiceRecoveryCalculator.Compute(series, faultAt: 0.5, baselineFrom: 0, holdEnd: 10);
        Assert.Equal(0, result.BaselineIntervals);
        Assert.Null(result.BackAtSeconds);
    }

    [Fact]
    public void Each_burst_of_drops_is_judged_against_the_baseline_before_the_first()
    {
        var series = Series(
            (1000, 10, 0), (1000, 10, 0), (1000, 10, 0), // baseline
            (300, 90, 50), (1000, 10, 0), // burst 1 (drop at 3.4 s), back at 5 s
            (1000, 10, 0), (200, 120, 40), (100, 100, 30), // burst 2 over two seconds (drop at 6.7 s)
            (1500, 30, 0), (1000, 10.5, 0)); // backlog, then back at 10 s

        var each = ServiceRecoveryCalculator.ComputeEach(series, new Dictionary<int, double> { [3] = 3.4, [6] = 6.7, [7] = 7.1 }, baselineFrom: 0, holdEnd: 20);

        Assert.Equal([3.4, 6.7], each.Select(s => s.FaultAtSeconds));
        Assert.Equal([5.0, 10.0], each.Select(s => s.BackAtSeconds!.Value));
        Assert.Equal([1.6, 3.3], each.Select(s => s.SecondsToRecover!.Value));
        Assert.All(each, s => Assert.Equal((3, 1000.0), (s.BaselineIntervals, s.BaselineThroughputPerSec!.Value)));
        Assert.Equal(ServiceRecoveryCalculator.Compute(series, 3.4, 0, 20), each[0]);
    }

    [Fact]
    public void A_burst_not_back_before_the_next_one_began_is_not_back()
    {
        var series = Series(
            (1000, 10, 0), (1000, 10, 0),
            (0, null, 50), (600, 40, 0), // burst 1 at 2.5 s: still slow
            (0, null, 50), (1000, 10, 0)); // burst 2 at 4.2 s: back at 6 s

        var each = ServiceRecoveryCalculator.ComputeEach(series, new Dictionary<int, double> { [2] = 2.5, [4] = 4.2 }, baselineFrom: 0, holdEnd: 20);

        Assert.Null(each[0].BackAtSeconds);
        Assert.Equal(6, each[1].BackAtSeconds);
    }

    [Fact]
    public void Injected_drops_that_the_series_does_not_count_make_bursts_too()
    {
        var series = Series((1000, 10, 0), (1000, 10, 0), (700, 30, 0), (1000, 10, 0));

        var burst = Assert.Single(ServiceRecoveryCalculator.ComputeEach(series, new Dictionary<int, double> { [2] = 2.3 }, 0, 20));

        Assert.Equal((2.3, 4.0), (burst.FaultAtSeconds, burst.BackAtSeconds!.Value));
    }

    [Fact]
    public void Drops_are_placed_into_intervals_by_time_and_the_earliest_of_each_is_kept()
    {
        var series = Series((1000, 10, 0), (1000, 10, 0), (1000, 10, 0), (1000, 10, 0), (1000, 10, 0));

        var first = ServiceRecoveryCalculator.FirstDropByInterval(series, [2.3, 2.1, 4.0, 7]);

        // (2, 3] holds 2.1 and 2.3; 4.0 ends the interval (3, 4]; 7 s is after the last interval.
        Assert.Equal(new Dictionary<int, double> { [2] = 2.1, [3] = 4.0 }, first);
    }

    [Fact]
    public void A_sampler_tick_a_few_ms_early_still_makes_a_whole_baseline_second()
    {
        // Ticks at 1.011, 2.01, 3.016 s (seen in a run): the second interval lasts 0.999 s and is a baseline second.
        IntervalSample[] series =
        [
            new() { AtSeconds = 1.011, Received = 1000, RttP99 = 10 },
            new() { AtSeconds = 2.01, Received = 1000, RttP99 = 10 },
            new() { AtSeconds = 3.016, Received = 1000, RttP99 = 10 },
            new() { AtSeconds = 4.01, Received = 500, RttP99 = 50, Dropped = 10 },
            new() { AtSeconds = 5.01, Received = 1000, RttP99 = 10 },
        ];

        var result = ServiceRecoveryCalculator.Compute(series, faultAt: 3.5, baselineFrom: 1.011, holdEnd: 10);

        Assert.Equal(2, result.BaselineIntervals);
        Assert.Equal(5.01, result.BackAtSeconds);
    }

    [Fact]
    public void No_drops_no_bursts()
    {
        Assert.Empty(ServiceRecoveryCalculator.ComputeEach(Series((1000, 10, 0), (1000, 10, 0)), new Dictionary<int, double>(), 0, 20));
    }
}
