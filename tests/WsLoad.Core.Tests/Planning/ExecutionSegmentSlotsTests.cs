using WsLoad.Planning;
using WsLoad.Scenarios;
using static WsLoad.Tests.Planning.PlanCases;

namespace WsLoad.Tests.Planning;

/// <summary>
/// A plan cut into segments, for every ramp kind and many segmentations: the segments' slots are the global ones,
/// each in exactly one segment, at the global times, under ids that never collide; (0, 1] is the global plan.
/// </summary>
public class ExecutionSegmentSlotsTests
{
    [Theory]
    [MemberData(nameof(SegmentationCases.Plans), MemberType = typeof(SegmentationCases))]
    public void Every_global_slot_is_in_exactly_one_segment_under_its_global_id(string name, ConnectionOptions options)
    {
        var global = ConnectionPlan.Create(options);
        foreach (var sequence in SegmentationCases.All())
        {
            var plans = SegmentationCases.Cut(options, sequence);
            var ids = plans.SelectMany(plan => Enumerable.Range(0, plan.SlotCount).Select(plan.GlobalSlot)).ToList();

            Assert.True(ids.Count == global.SlotCount, $"{name} cut {sequence}: {ids.Count} slots in the segments, {global.SlotCount} in the plan");
            Assert.True(ids.Order().SequenceEqual(Enumerable.Range(0, global.SlotCount)), $"{name} cut {sequence}: an id is missing or repeated");
            foreach (var plan in plans)
            {
                Assert.Equal(global.SlotCount, plan.GlobalSlotCount);
                var slots = plan.Segment.SlotsOf(global.SlotCount);
                for (var slot = 0; slot < plan.SlotCount; slot++)
                {
                    Assert.True(slot == 0 || plan.GlobalSlot(slot) > plan.GlobalSlot(slot - 1), $"{name} cut {sequence}: ids out of order");
                    Assert.Equal(slot, slots.LocalSlot(plan.GlobalSlot(slot)));
                }
            }

            for (var id = 0; id < global.SlotCount; id++)
            {
                Assert.Single(plans, plan => plan.Segment.SlotsOf(global.SlotCount).LocalSlot(id) is not null);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SegmentationCases.Plans), MemberType = typeof(SegmentationCases))]
    public void A_segment_opens_and_closes_its_slots_at_their_global_times(string name, ConnectionOptions options)
    {
        var global = ConnectionPlan.Create(options);
        var times = Enumerable.Range(0, global.SlotCount)
            .SelectMany(slot => new[] { global.OpenAt(slot), global.CloseAt(slot) })
            .SelectMany(t => new[] { t - TimeSpan.FromTicks(1), t, t + TimeSpan.FromTicks(1) })
            .Concat([TimeSpan.Zero, global.RampUpEnd, global.HoldEnd, global.End])
            .Distinct().ToArray();
        foreach (var sequence in SegmentationCases.All())
        {
            var plans = SegmentationCases.Cut(options, sequence);
            foreach (var plan in plans)
            {
                var where = $"{name}, segment {plan.Segment} of {sequence}";
                Assert.Equal((global.RampUpEnd, global.HoldEnd, global.End), (plan.RampUpEnd, plan.HoldEnd, plan.End));
                for (var slot = 0; slot < plan.SlotCount; slot++)
                {
                    Assert.True(global.OpenAt(plan.GlobalSlot(slot)) == plan.OpenAt(slot), $"{where}: slot {slot} opens at another time");
                    Assert.True(global.CloseAt(plan.GlobalSlot(slot)) == plan.CloseAt(slot), $"{where}: slot {slot} closes at another time");
                    Assert.Equal(slot, plan.SlotClosingAt(plan.SlotCount - 1 - slot));
                }

                foreach (var t in times)
                {
                    var open = Enumerable.Range(0, plan.SlotCount).Count(slot => plan.OpenAt(slot) <= t && plan.CloseAt(slot) > t);
                    Assert.True(open == plan.TargetAt(t), $"{where} at {t}: {open} open, TargetAt says {plan.TargetAt(t)}");
                }
            }

            foreach (var t in times)
            {
                Assert.True(plans.Sum(plan => plan.TargetAt(t)) == global.TargetAt(t), $"{name} cut {sequence} at {t}: the targets do not add up");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SegmentationCases.Plans), MemberType = typeof(SegmentationCases))]
    public void The_whole_run_is_exactly_the_global_plan(string name, ConnectionOptions options)
    {
        var global = ConnectionPlan.Create(options);
        var whole = ConnectionPlan.Create(options, ExecutionSegment.Parse("0:1"));

        Assert.Equal(global.SlotCount, whole.SlotCount);
        Assert.Equal(global.SlotCount, whole.GlobalSlotCount);
        Assert.Equal(Rational.One, whole.TotalRateShare);
        Assert.Equal((global.RampUpEnd, global.HoldEnd, global.End), (whole.RampUpEnd, whole.HoldEnd, whole.End));
        for (var slot = 0; slot < global.SlotCount; slot++)
        {
            Assert.Equal(slot, whole.GlobalSlot(slot));
            Assert.True(global.OpenAt(slot) == whole.OpenAt(slot), $"{name}: slot {slot}");
            Assert.True(global.CloseAt(slot) == whole.CloseAt(slot), $"{name}: slot {slot}");
            Assert.True(global.TargetAt(global.OpenAt(slot)) == whole.TargetAt(global.OpenAt(slot)), $"{name}: slot {slot}");
            Assert.True(global.ClosedBy(global.CloseAt(slot)) == whole.ClosedBy(global.CloseAt(slot)), $"{name}: slot {slot}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Even_segments_follow_the_global_ramp_within_one_connection(int parts)
    {
        var options = Ramp(RampStrategy.Exponential, 1000, duration: 10, hold: 1, rampDown: 5);
        var global = ConnectionPlan.Create(options);
        var plans = SegmentationCases.Cut(options, ExecutionSegmentSequence.Even(parts));

        // Striped, not in blocks: at every step of the ramp each segment has its share of what is open so far.
        for (var opened = 0; opened <= global.SlotCount; opened++)
        {
            var t = opened == 0 ? TimeSpan.FromTicks(-1) : global.OpenAt(opened - 1);
            var target = global.TargetAt(t);
            foreach (var plan in plans)
            {
                Assert.True(Math.Abs(plan.TargetAt(t) - ((double)target / parts)) < 1, $"{plan.Segment} at {t}: {plan.TargetAt(t)} of {target}");
            }
        }
    }

    [Fact]
    public void Uneven_segments_follow_the_global_ramp_within_a_few_connections()
    {
        var options = Ramp(RampStrategy.Linear, 997, duration: 10);
        var global = ConnectionPlan.Create(options);
        foreach (var sequence in SegmentationCases.All())
        {
            var plans = SegmentationCases.Cut(options, sequence);
            for (var slot = 0; slot < global.SlotCount; slot++)
            {
                var t = global.OpenAt(slot);
                foreach (var plan in plans)
                {
                    var expected = global.TargetAt(t) * plan.TotalRateShare.ToDouble();
                    Assert.True(Math.Abs(plan.TargetAt(t) - expected) < 2, $"{plan.Segment} of {sequence} at {t}: {plan.TargetAt(t)}, {expected:F1} expected");
                }
            }
        }
    }

    [Fact]
    public void A_million_slots_are_segmented_by_formula()
    {
        const int Million = 1_000_000;
        var options = Ramp(RampStrategy.Linear, Million, duration: 100, hold: 10, rampDown: 50);
        var plans = SegmentationCases.Cut(options, ExecutionSegmentSequence.Parse("0,1/7,1/2,1"));

        Assert.Equal([142_857, 357_143, 500_000], plans.Select(p => p.SlotCount));
        Assert.Equal(Million, plans.Sum(p => p.TargetAt(plans[0].RampUpEnd)));
        Assert.Equal(Million / 2, plans.Sum(p => p.TargetAt(plans[0].HoldEnd + TimeSpan.FromSeconds(25))));
        Assert.Equal(Million - 1, plans.Max(p => p.GlobalSlot(p.SlotCount - 1)));
    }

    [Fact]
    public void More_segments_than_slots_leave_some_empty()
    {
        var options = Ramp(RampStrategy.Burst, 3, hold: 1);
        var plans = SegmentationCases.Cut(options, ExecutionSegmentSequence.Even(8));

        Assert.Equal(3, plans.Count(p => p.SlotCount == 1));
        Assert.Equal(5, plans.Count(p => p.SlotCount == 0));
        Assert.All(plans.Where(p => p.SlotCount == 0), p => Assert.Equal(0, p.TargetAt(p.RampUpEnd)));
    }
}
