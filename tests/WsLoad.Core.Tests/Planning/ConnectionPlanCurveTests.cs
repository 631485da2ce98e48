using WsLoad.Planning;
using WsLoad.Scenarios;
using static WsLoad.Tests.Planning.PlanCases;

namespace WsLoad.Tests.Planning;

/// <summary>The curve TargetAt(t) of each ramp strategy at chosen points.</summary>
public class ConnectionPlanCurveTests
{
    public static TheoryData<string, ConnectionOptions, double[], int[]> Curves() => new()
    {
        // Slot i opens at D·i/N: one open at 0, all N by D.
        { "linear 10 over 10s", Ramp(RampStrategy.Linear, 10, duration: 10, hold: 5), [0, 0.5, 1, 4.999, 5, 9, 9.999, 10, 14.999], [1, 1, 2, 5, 6, 10, 10, 10, 10] },
        { "linear 4 over 10s", Ramp(RampStrategy.Linear, 4, duration: 10, hold: 1), [0, 2.4999999, 2.5, 5, 7.5, 10], [1, 1, 2, 3, 4, 4] },

        // N·(e^(g·t/D) − 1)/(e^g − 1) reaches i when slot i opens: back-loaded (8 of 100 at D/2).
        { "exponential 100 over 10s", Ramp(RampStrategy.Exponential, 100, duration: 10, hold: 1), [0, 1, 5, 8, 9, 9.9999999, 10], [1, 1, 8, 37, 61, 100, 100] },

        // round(N·k/s) after step k, plateaus flat, the last plateau part of the ramp.
        { "stepped 10 in 3 steps", Ramp(RampStrategy.Stepped, 10, steps: 3, plateau: 10, hold: 5), [0, 9.9999999, 10, 19.9999999, 20, 30, 34.9999999], [3, 3, 7, 7, 10, 10, 10] },
        { "stepped 2 in 4 steps, halves up", Ramp(RampStrategy.Stepped, 2, steps: 4, plateau: 1, hold: 1), [0, 1, 2, 3, 4], [1, 1, 2, 2, 2] },
        { "stepped 1 in 5 steps", Ramp(RampStrategy.Stepped, 1, steps: 5, plateau: 1, hold: 1), [0, 1.9999999, 2, 5], [0, 0, 1, 1] },

        { "burst all at once", Ramp(RampStrategy.Burst, 50, hold: 1), [0, 0.5, 0.9999999], [50, 50, 50] },
        { "burst batch 0 is all at once", Ramp(RampStrategy.Burst, 50, batchSize: 0, hold: 1), [0], [50] },
        { "burst batches of 4", Ramp(RampStrategy.Burst, 10, batchSize: 4, interval: 1, hold: 1), [0, 0.9999999, 1, 1.9999999, 2, 2.9999999], [4, 4, 8, 8, 10, 10] },

        { "arrival 2/s up to 5", Arrivals(rate: 2, max: 5, duration: 10, hold: 1), [0, 0.4999999, 0.5, 1.9, 2, 2.9999999], [1, 1, 2, 4, 5, 5] },
        { "arrival 2/s cut at 3s", Arrivals(rate: 2, max: 100, duration: 3, hold: 1), [0, 2.5, 3, 3.9999999], [1, 6, 6, 6] },

        // Hold, then slots close in reverse order, evenly over the ramp-down, the last at End.
        { "linear hold and ramp-down", Ramp(RampStrategy.Linear, 4, duration: 4, hold: 2, rampDown: 4), [3, 4, 6, 6.9999999, 7, 8, 9, 9.9999999, 10, 11], [4, 4, 4, 4, 3, 2, 1, 1, 0, 0] },
        { "no ramp-down closes all at hold end", Ramp(RampStrategy.Linear, 4, duration: 4, hold: 2), [5.9999999, 6, 7], [4, 0, 0] },
        { "zero duration opens all at once", Ramp(RampStrategy.Linear, 10, duration: 0, hold: 1), [0, 0.9999999, 1], [10, 10, 0] },
        { "zero duration exponential", Ramp(RampStrategy.Exponential, 10, duration: 0, hold: 1), [0, 1], [10, 0] },
        { "one slot", Ramp(RampStrategy.Linear, 1, duration: 10, hold: 1, rampDown: 2), [0, 10, 11, 12.9999999, 13], [1, 1, 1, 1, 0] },
        { "one slot exponential", Ramp(RampStrategy.Exponential, 1, duration: 10, hold: 1), [0, 11], [1, 0] },
        { "before the start", Ramp(RampStrategy.Burst, 5, hold: 1), [-1], [0] },
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Target_at_chosen_times(string name, ConnectionOptions options, double[] seconds, int[] expected)
    {
        var plan = ConnectionPlan.Create(options);

        var actual = seconds.Select(s => plan.TargetAt(S(s))).ToArray();

        Assert.True(expected.SequenceEqual(actual), $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
    }

    public static TheoryData<string, ConnectionOptions, int, double, double, double> Boundaries() => new()
    {
        // name, options, slots, ramp-up end, hold end, end (seconds)
        { "linear ends at D", Ramp(RampStrategy.Linear, 10, duration: 10, hold: 5, rampDown: 2), 10, 10, 15, 17 },
        { "exponential ends at D", Ramp(RampStrategy.Exponential, 10, duration: 8, hold: 1), 10, 8, 9, 9 },
        { "stepped ends at s·P", Ramp(RampStrategy.Stepped, 10, steps: 3, plateau: 10, hold: 5), 10, 30, 35, 35 },
        { "burst ends at last batch", Ramp(RampStrategy.Burst, 10, batchSize: 4, interval: 1, hold: 1), 10, 2, 3, 3 },
        { "burst all at once ends at 0", Ramp(RampStrategy.Burst, 10, hold: 1, rampDown: 1), 10, 0, 1, 2 },
        { "arrival ends at last arrival", Arrivals(rate: 2, max: 5, duration: 10, hold: 1), 5, 2, 3, 3 },
        { "arrival cut ends at its duration", Arrivals(rate: 2, max: 100, duration: 3, hold: 1), 6, 3, 4, 4 },
        { "arrival of zero duration", Arrivals(rate: 2, max: 100, duration: 0, hold: 1), 0, 0, 1, 1 },
        { "arrival rate 3/s over 1s", Arrivals(rate: 3, max: 100, duration: 1), 3, 1, 1, 1 },
        { "no slots", Ramp(RampStrategy.Linear, 0, duration: 5, hold: 1), 0, 5, 6, 6 },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Slot_count_and_phase_boundaries(string name, ConnectionOptions options, int slots, double rampUpEnd, double holdEnd, double end)
    {
        var plan = ConnectionPlan.Create(options);

        Assert.True(slots == plan.SlotCount, $"{name}: slots {plan.SlotCount}");
        Assert.Equal(S(rampUpEnd), plan.RampUpEnd);
        Assert.Equal(S(holdEnd), plan.HoldEnd);
        Assert.Equal(S(end), plan.End);
    }

    [Fact]
    public void Exponential_is_back_loaded_and_monotonic()
    {
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Exponential, 1000, duration: 60, hold: 1));

        Assert.True(plan.TargetAt(S(30)) < 500);
        Assert.Equal(1000, plan.TargetAt(S(60)));
        var previous = 0;
        for (var ms = 0; ms <= 60_000; ms += 100)
        {
            var target = plan.TargetAt(TimeSpan.FromMilliseconds(ms));
            Assert.True(target >= previous, $"the count fell at {ms} ms");
            previous = target;
        }
    }

    [Fact]
    public void Higher_growth_is_more_back_loaded()
    {
        var gentle = ConnectionPlan.Create(Ramp(RampStrategy.Exponential, 1000, duration: 10, growth: 1));
        var steep = ConnectionPlan.Create(Ramp(RampStrategy.Exponential, 1000, duration: 10, growth: 10));
        var linear = ConnectionPlan.Create(Ramp(RampStrategy.Exponential, 1000, duration: 10, growth: 0));

        Assert.Equal(501, linear.TargetAt(S(5))); // growth 0 is the linear ramp
        Assert.InRange(gentle.TargetAt(S(5)), 300, 500);
        Assert.InRange(steep.TargetAt(S(5)), 1, 10);
    }

    public static TheoryData<string, ConnectionOptions, double, string> Phases() => new()
    {
        { "linear start", Ramp(RampStrategy.Linear, 4, duration: 5, hold: 2, rampDown: 1), 0, "RampUp" },
        { "linear before ramp-up end", Ramp(RampStrategy.Linear, 4, duration: 5, hold: 2, rampDown: 1), 4.9999999, "RampUp" },
        { "linear ramp-up end", Ramp(RampStrategy.Linear, 4, duration: 5, hold: 2, rampDown: 1), 5, "Hold" },
        { "linear before hold end", Ramp(RampStrategy.Linear, 4, duration: 5, hold: 2, rampDown: 1), 6.9999999, "Hold" },
        { "linear hold end", Ramp(RampStrategy.Linear, 4, duration: 5, hold: 2, rampDown: 1), 7, "RampDown" },
        { "linear before end", Ramp(RampStrategy.Linear, 4, duration: 5, hold: 2, rampDown: 1), 7.9999999, "RampDown" },
        { "linear end", Ramp(RampStrategy.Linear, 4, duration: 5, hold: 2, rampDown: 1), 8, "Closing" },
        { "all at once starts in the hold", Ramp(RampStrategy.Burst, 4, hold: 1), 0, "Hold" },
        { "nothing to hold is done at once", Ramp(RampStrategy.Burst, 4), 0, "Closing" },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void Phase_boundaries_belong_to_the_later_phase(string name, ConnectionOptions options, double seconds, string expected)
    {
        var plan = ConnectionPlan.Create(options);

        Assert.True(expected == plan.At(S(seconds)).ToString(), $"{name}: {plan.At(S(seconds))}");
    }
}
