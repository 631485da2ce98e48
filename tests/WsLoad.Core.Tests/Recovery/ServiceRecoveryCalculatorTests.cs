using WsLoad.Engine;
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
}
