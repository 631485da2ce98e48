using WsLoad.Planning;
using WsLoad.Scenarios;
using static WsLoad.Tests.Planning.PlanCases;

namespace WsLoad.Tests.Planning;

/// <summary>Properties every plan keeps, checked slot by slot, and the edge cases of size and validation.</summary>
public class ConnectionPlanInvariantTests
{
    [Theory]
    [MemberData(nameof(PlanCases.EveryStrategy), MemberType = typeof(PlanCases))]
    public void Slots_open_in_order_close_in_reverse_within_the_phases(string name, ConnectionOptions options)
    {
        var plan = ConnectionPlan.Create(options);

        for (var slot = 0; slot < plan.SlotCount; slot++)
        {
            Assert.True(plan.OpenAt(slot) >= TimeSpan.Zero, name);
            Assert.True(plan.OpenAt(slot) <= plan.RampUpEnd, $"{name}: slot {slot} opens after the ramp-up");
            Assert.True(plan.CloseAt(slot) >= plan.HoldEnd, $"{name}: slot {slot} closes before the hold ends");
            Assert.True(plan.CloseAt(slot) <= plan.End, $"{name}: slot {slot} closes after the end");
            Assert.Equal(slot, plan.SlotClosingAt(plan.SlotCount - 1 - slot));
            if (slot > 0)
            {
                Assert.True(plan.OpenAt(slot) >= plan.OpenAt(slot - 1), $"{name}: slot {slot} opens before slot {slot - 1}");
                Assert.True(plan.CloseAt(slot) <= plan.CloseAt(slot - 1), $"{name}: slot {slot} closes after slot {slot - 1}");
            }
        }

        Assert.True(plan.RampUpEnd <= plan.HoldEnd && plan.HoldEnd <= plan.End, name);
        Assert.Equal(0, plan.TargetAt(plan.End));
        if (plan.SlotCount > 0)
        {
            Assert.Equal(plan.End, plan.CloseAt(0)); // the first slot to open is the last to close, at the end
        }
    }

    [Theory]
    [MemberData(nameof(PlanCases.EveryStrategy), MemberType = typeof(PlanCases))]
    public void Target_counts_exactly_the_slots_open_at_each_time(string name, ConnectionOptions options)
    {
        var plan = ConnectionPlan.Create(options);
        var times = Enumerable.Range(0, plan.SlotCount)
            .SelectMany(slot => new[] { plan.OpenAt(slot), plan.CloseAt(slot) })
            .SelectMany(t => new[] { t - TimeSpan.FromTicks(1), t, t + TimeSpan.FromTicks(1) })
            .Concat([TimeSpan.Zero, plan.RampUpEnd, plan.HoldEnd, plan.End]);

        foreach (var t in times)
        {
            var counted = Enumerable.Range(0, plan.SlotCount).Count(slot => plan.OpenAt(slot) <= t && plan.CloseAt(slot) > t);
            Assert.True(counted == plan.TargetAt(t), $"{name} at {t}: {counted} open, TargetAt says {plan.TargetAt(t)}");
        }
    }

    [Theory]
    [InlineData(RampStrategy.Linear)]
    [InlineData(RampStrategy.Exponential)]
    [InlineData(RampStrategy.Stepped)]
    [InlineData(RampStrategy.Burst)]
    public void A_million_slots_are_planned_by_formula(RampStrategy strategy)
    {
        const int Million = 1_000_000;
        var plan = ConnectionPlan.Create(Ramp(strategy, Million, duration: 100, steps: 7, plateau: 10, batchSize: 1000, interval: 0.1, hold: 10, rampDown: 50));

        Assert.Equal(Million, plan.SlotCount);
        var previous = TimeSpan.Zero;
        for (var slot = 0; slot < Million; slot++)
        {
            var openAt = plan.OpenAt(slot);
            Assert.True(openAt >= previous, $"slot {slot} opens before the one before it");
            previous = openAt;
        }

        Assert.Equal(Million, plan.TargetAt(plan.RampUpEnd));
        Assert.Equal(Million / 2, plan.TargetAt(plan.HoldEnd + TimeSpan.FromSeconds(25)));
        Assert.Equal(0, plan.TargetAt(plan.End));
    }

    [Fact]
    public void A_million_linear_slots_reach_half_at_half_time()
    {
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 1_000_000, duration: 100));

        Assert.Equal(500_001, plan.TargetAt(S(50))); // slot i opens at 100 µs · i
        Assert.Equal(TimeSpan.FromTicks(1000 * 999_999L), plan.OpenAt(999_999));
    }

    [Fact]
    public void Long_ramps_of_many_slots_do_not_overflow()
    {
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, int.MaxValue, duration: TimeSpan.FromDays(3650).TotalSeconds, hold: 1));

        Assert.Equal(TimeSpan.FromDays(3650), plan.RampUpEnd);
        Assert.True(plan.OpenAt(int.MaxValue - 1) < plan.RampUpEnd);
        Assert.Equal(int.MaxValue, plan.TargetAt(plan.RampUpEnd));
    }

    public static TheoryData<string, ConnectionOptions> Invalid() => new()
    {
        { "negative count", Ramp(RampStrategy.Linear, -1) },
        { "negative duration", Ramp(RampStrategy.Linear, 10, duration: -1) },
        { "negative hold", Ramp(RampStrategy.Linear, 10, hold: -1) },
        { "negative ramp-down", Ramp(RampStrategy.Linear, 10, rampDown: -1) },
        { "zero steps", Ramp(RampStrategy.Stepped, 10, steps: 0) },
        { "negative plateau", Ramp(RampStrategy.Stepped, 10, plateau: -1) },
        { "negative batch", Ramp(RampStrategy.Burst, 10, batchSize: -1) },
        { "infinite growth", Ramp(RampStrategy.Exponential, 10, growth: double.PositiveInfinity) },
        { "zero arrival rate", Arrivals(rate: 0, max: 10, duration: 1) },
        { "NaN arrival rate", Arrivals(rate: double.NaN, max: 10, duration: 1) },
        { "negative arrival max", Arrivals(rate: 1, max: -1, duration: 1) },
        { "unknown strategy", Ramp((RampStrategy)42, 10) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Out_of_range_options_are_refused(string name, ConnectionOptions options)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => ConnectionPlan.Create(options));
        Assert.False(string.IsNullOrEmpty(error.Message), name);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void Slots_outside_the_plan_are_refused(int slot)
    {
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 3));

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.OpenAt(slot));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.CloseAt(slot));
    }
}
