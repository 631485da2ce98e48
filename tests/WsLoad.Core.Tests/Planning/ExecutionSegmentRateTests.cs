using Microsoft.Extensions.Time.Testing;
using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Scenarios;
using static WsLoad.Tests.Planning.PlanCases;

namespace WsLoad.Tests.Planning;

/// <summary>
/// Rates under segmentation: a per-connection rate stays per connection, and a total rate is shared by slots, so the
/// segments' rates add up to the plan's for any cut of any plan. Rationals add up exactly; rates in doubles to the last
/// bits.
/// </summary>
public class ExecutionSegmentRateTests
{
    private const double RelativeTolerance = 1e-12;

    public static TheoryData<string, ConnectionOptions, MessageOptions, string> EdgeCases() => new()
    {
        // name, connections, messages, sequence
        { "1 connection, total rate, 2 segments", Ramp(RampStrategy.Linear, 1, hold: 1), Total(100), "0,1/2,1" },
        { "1 connection, total rate, 8 segments", Ramp(RampStrategy.Linear, 1, hold: 1), Total(100), "0,1/8,1/4,3/8,1/2,5/8,3/4,7/8,1" },
        { "1 connection, per-connection rate, 3 segments", Ramp(RampStrategy.Linear, 1, hold: 1), PerConnection(5), "0,1/3,2/3,1" },
        { "more segments than connections, total rate", Ramp(RampStrategy.Burst, 3, hold: 1), Total(90), "0,1/7,2/7,3/7,4/7,5/7,6/7,1" },
        { "more segments than connections, per-connection rate", Ramp(RampStrategy.Burst, 3, hold: 1), PerConnection(2), "0,1/7,2/7,3/7,4/7,5/7,6/7,1" },
        { "no connections, total rate", Ramp(RampStrategy.Linear, 0, hold: 1), Total(100), "0,1/3,1" },
        { "linear, total rate, uneven", Ramp(RampStrategy.Linear, 50, duration: 2, hold: 1, rampDown: 1), Total(1000), "0,1/7,1/2,1" },
        { "linear, per-connection rate, uneven", Ramp(RampStrategy.Linear, 50, duration: 2, hold: 1, rampDown: 1), PerConnection(10), "0,1/7,1/2,1" },
        { "exponential, total rate", Ramp(RampStrategy.Exponential, 20, duration: 1, growth: 0.5, hold: 1), Total(333.3), "0,1/3,2/3,1" },
        { "exponential, per-connection rate", Ramp(RampStrategy.Exponential, 20, duration: 1, growth: 0.5, hold: 1), PerConnection(0.7), "0,1/3,2/3,1" },
        { "stepped, total rate", Ramp(RampStrategy.Stepped, 10, steps: 3, plateau: 0.5, hold: 1), Total(7), "0,0.3,0.55,1" },
        { "stepped, per-connection rate", Ramp(RampStrategy.Stepped, 10, steps: 3, plateau: 0.5, hold: 1), PerConnection(3), "0,0.3,0.55,1" },
        { "burst, total rate", Ramp(RampStrategy.Burst, 10, batchSize: 4, interval: 0.25, hold: 1), Total(1e6), "0,1/4,1/2,3/4,1" },
        { "burst, per-connection rate", Ramp(RampStrategy.Burst, 10, batchSize: 4, interval: 0.25, hold: 1), PerConnection(1), "0,1/4,1/2,3/4,1" },
        { "arrival, total rate", Arrivals(rate: 20, max: 30, duration: 10, hold: 1), Total(0.1), "0,1/10,1" },
        { "arrival, per-connection rate", Arrivals(rate: 20, max: 30, duration: 10, hold: 1), PerConnection(100), "0,1/10,1" },
        { "total rate with a burst", Ramp(RampStrategy.Linear, 13, hold: 2), Total(50) with { Bursts = [new() { At = S(10), Duration = S(1), Multiplier = 3 }] }, "0,1/5,2/5,3/5,4/5,1" },
        { "total rate, 1%:99%", Ramp(RampStrategy.Linear, 1000, hold: 1), Total(10_000), "0,1%,99%,1" },
    };

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void The_segments_rates_add_up_to_the_plan_s_rate(string name, ConnectionOptions connections, MessageOptions messages, string sequence)
    {
        var global = ConnectionPlan.Create(connections);
        var plans = SegmentationCases.Cut(connections, ExecutionSegmentSequence.Parse(sequence));
        var hold = global.RampUpEnd + ((global.HoldEnd - global.RampUpEnd) / 2);
        foreach (var t in new[] { hold, TimeSpan.FromSeconds(10.5) })
        {
            // In the hold every slot is open: the whole plan's rate against the sum of each segment's over its slots.
            var expected = TotalRate(new MessagePlan(messages), t, global.SlotCount);
            var sum = plans.Sum(plan => TotalRate(new MessagePlan(messages, plan.TotalRateShare), t, plan.SlotCount));

            AssertClose(expected, sum, $"{name} at {t}");
        }

        Assert.Equal(Rational.One, plans.Aggregate(Rational.Zero, (sum, plan) => sum + plan.TotalRateShare));
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void A_connection_sends_the_same_whichever_segment_holds_it(string name, ConnectionOptions connections, MessageOptions messages, string sequence)
    {
        var global = ConnectionPlan.Create(connections);
        var hold = global.RampUpEnd + ((global.HoldEnd - global.RampUpEnd) / 2);
        var whole = new MessagePlan(messages).RatePerConnectionAt(hold, global.SlotCount);
        foreach (var plan in SegmentationCases.Cut(connections, ExecutionSegmentSequence.Parse(sequence)).Where(p => p.SlotCount > 0))
        {
            AssertClose(whole, new MessagePlan(messages, plan.TotalRateShare).RatePerConnectionAt(hold, plan.SlotCount), $"{name}, {plan.Segment}");
        }
    }

    [Theory]
    [MemberData(nameof(SegmentationCases.Plans), MemberType = typeof(SegmentationCases))]
    public void Per_connection_rates_add_up_at_every_time_for_every_cut(string name, ConnectionOptions connections)
    {
        var messages = PerConnection(3);
        var global = ConnectionPlan.Create(connections);
        var times = Enumerable.Range(0, global.SlotCount).SelectMany(slot => new[] { global.OpenAt(slot), global.CloseAt(slot) }).Append(TimeSpan.Zero);
        foreach (var sequence in SegmentationCases.All())
        {
            var plans = SegmentationCases.Cut(connections, sequence);
            foreach (var t in times)
            {
                // The planned open count stands for the open connections; a per-connection rate ignores the share.
                var expected = TotalRate(new MessagePlan(messages), t, global.TargetAt(t));
                var sum = plans.Sum(plan => TotalRate(new MessagePlan(messages, plan.TotalRateShare), t, plan.TargetAt(t)));
                AssertClose(expected, sum, $"{name} cut {sequence} at {t}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SegmentationCases.Plans), MemberType = typeof(SegmentationCases))]
    public void Total_rate_shares_add_up_to_one_exactly_for_every_cut(string name, ConnectionOptions connections)
    {
        foreach (var sequence in SegmentationCases.All())
        {
            var plans = SegmentationCases.Cut(connections, sequence);

            var sum = plans.Aggregate(Rational.Zero, (total, plan) => total + plan.TotalRateShare);

            Assert.True(sum == Rational.One, $"{name} cut {sequence}: the shares add up to {sum}");
            Assert.All(plans, plan => Assert.True(
                plan.GlobalSlotCount == 0 || plan.TotalRateShare == new Rational(plan.SlotCount, plan.GlobalSlotCount), $"{name}, {plan.Segment}"));
        }
    }

    [Fact]
    public void The_whole_share_sends_exactly_what_the_plan_without_a_share_sends()
    {
        var messages = Total(0.1);
        var plain = new MessagePlan(messages);
        var whole = new MessagePlan(messages, ConnectionPlan.Create(Ramp(RampStrategy.Linear, 3), ExecutionSegment.Full).TotalRateShare);

        foreach (var open in new[] { 0, 1, 3, 7 })
        {
            Assert.Equal(plain.RatePerConnectionAt(TimeSpan.Zero, open), whole.RatePerConnectionAt(TimeSpan.Zero, open));
            Assert.Equal(plain.SendIntervalAt(TimeSpan.Zero, open), whole.SendIntervalAt(TimeSpan.Zero, open));
        }
    }

    [Fact]
    public void The_run_s_traffic_spreads_only_the_process_s_share_over_its_open_connections()
    {
        var time = new FakeTimeProvider();
        var counters = new RunCounters();
        counters.Established();
        counters.Established();
        var share = ConnectionPlan.Create(Ramp(RampStrategy.Burst, 8), ExecutionSegment.Parse("1/2:3/4")).TotalRateShare;

        var whole = new MessageTraffic(Total(100), time, time.GetTimestamp(), counters, new FailureLog());
        var quarter = new MessageTraffic(Total(100), time, time.GetTimestamp(), counters, new FailureLog(), share);

        Assert.Equal(new Rational(1, 4), share);
        Assert.Equal(time.TimestampFrequency / 50, whole.IntervalTicks(time.GetTimestamp())); // 100/s over 2 connections
        Assert.Equal(time.TimestampFrequency * 2 / 25, quarter.IntervalTicks(time.GetTimestamp())); // 25/s over 2
    }

    [Fact]
    public void A_share_above_the_whole_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePlan(Total(1), new Rational(3, 2)));

    private static MessageOptions Total(double rate) => new() { TotalRatePerSecond = rate, RatePerSecond = 99 };

    private static MessageOptions PerConnection(double rate) => new() { RatePerSecond = rate };

    /// <summary>What <paramref name="open"/> connections send together at <paramref name="time"/>.</summary>
    private static double TotalRate(MessagePlan plan, TimeSpan time, int open) => plan.RatePerConnectionAt(time, open) * open;

    private static void AssertClose(double expected, double actual, string where) =>
        Assert.True(Math.Abs(expected - actual) <= RelativeTolerance * Math.Abs(expected), $"{where}: {actual}, {expected} expected");
}
