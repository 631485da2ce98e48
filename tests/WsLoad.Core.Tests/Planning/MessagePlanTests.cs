using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Planning;

public class MessagePlanTests
{
    private static readonly BurstPhase[] OverlappingBursts =
    [
        new() { At = TimeSpan.FromSeconds(10), Duration = TimeSpan.FromSeconds(10), Multiplier = 2 },
        new() { At = TimeSpan.FromSeconds(15), Duration = TimeSpan.FromSeconds(10), Multiplier = 5 },
        new() { At = TimeSpan.FromSeconds(17), Duration = TimeSpan.FromSeconds(1), Multiplier = 3 },
    ];

    public static TheoryData<string, MessageOptions, double, int, double?> Intervals() => new()
    {
        // name, options, time (s), open connections, expected interval in seconds (null: no sends)
        { "per-connection rate", new() { RatePerSecond = 4 }, 0, 10, 0.25 },
        { "per-connection rate ignores the count", new() { RatePerSecond = 4 }, 0, 1000, 0.25 },
        { "idle connections", new() { RatePerSecond = 0 }, 0, 10, null },
        { "total spread over the open connections", new() { TotalRatePerSecond = 100, RatePerSecond = 4 }, 0, 50, 0.5 },
        { "total over one connection", new() { TotalRatePerSecond = 100 }, 0, 1, 0.01 },
        { "total with nothing open", new() { TotalRatePerSecond = 100 }, 0, 0, null },
        { "zero total overrides the per-connection rate", new() { TotalRatePerSecond = 0, RatePerSecond = 4 }, 0, 10, null },
        { "before the burst", new() { RatePerSecond = 1, Bursts = [Burst(10, 5, 4)] }, 9.9999999, 3, 1 },
        { "burst start is inside", new() { RatePerSecond = 1, Bursts = [Burst(10, 5, 4)] }, 10, 3, 0.25 },
        { "burst end is outside", new() { RatePerSecond = 1, Bursts = [Burst(10, 5, 4)] }, 15, 3, 1 },
        { "burst of the total rate", new() { TotalRatePerSecond = 10, Bursts = [Burst(0, 5, 10)] }, 1, 20, 0.2 },
        { "a slowing burst", new() { RatePerSecond = 1, Bursts = [Burst(0, 5, 0.5)] }, 1, 1, 2 },
        { "a pausing burst", new() { RatePerSecond = 1, Bursts = [Burst(0, 5, 0)] }, 1, 1, null },
        { "overlap takes the largest", new() { RatePerSecond = 1, Bursts = OverlappingBursts }, 17.5, 1, 0.2 },
        { "first burst alone", new() { RatePerSecond = 1, Bursts = OverlappingBursts }, 12, 1, 0.5 },
        { "after the first ends", new() { RatePerSecond = 1, Bursts = OverlappingBursts }, 22, 1, 0.2 },
        { "after all", new() { RatePerSecond = 1, Bursts = OverlappingBursts }, 25, 1, 1 },
        { "a very high rate is one tick", new() { RatePerSecond = 1e12 }, 0, 1, 1e-7 },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void Send_interval_in_effect(string name, MessageOptions options, double seconds, int open, double? expectedSeconds)
    {
        var plan = new MessagePlan(options);

        var interval = plan.SendIntervalAt(TimeSpan.FromSeconds(seconds), open);

        var expected = expectedSeconds is { } s ? TimeSpan.FromTicks((long)Math.Round(s * TimeSpan.TicksPerSecond)) : (TimeSpan?)null;
        Assert.True(expected == interval, $"{name}: expected {expected}, got {interval}");
    }

    [Fact]
    public void Rate_is_the_inverse_of_the_interval()
    {
        var plan = new MessagePlan(new() { TotalRatePerSecond = 90, Bursts = [Burst(1, 1, 3)] });

        Assert.Equal(3, plan.RatePerConnectionAt(TimeSpan.Zero, 30));
        Assert.Equal(9, plan.RatePerConnectionAt(TimeSpan.FromSeconds(1.5), 30));
        Assert.Equal(3, plan.BurstMultiplierAt(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(1, plan.BurstMultiplierAt(TimeSpan.FromSeconds(2)));
    }

    public static TheoryData<string, MessageOptions> Invalid() => new()
    {
        { "negative rate", new() { RatePerSecond = -1 } },
        { "NaN rate", new() { RatePerSecond = double.NaN } },
        { "infinite total", new() { TotalRatePerSecond = double.PositiveInfinity } },
        { "negative multiplier", new() { RatePerSecond = 1, Bursts = [Burst(0, 1, -2)] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Out_of_range_rates_are_refused(string name, MessageOptions options)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePlan(options));
        Assert.False(string.IsNullOrEmpty(error.ParamName), name);
    }

    [Fact]
    public void A_negative_connection_count_is_refused()
    {
        var plan = new MessagePlan(new() { RatePerSecond = 1 });

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.SendIntervalAt(TimeSpan.Zero, -1));
    }

    private static BurstPhase Burst(double at, double duration, double multiplier) =>
        new() { At = TimeSpan.FromSeconds(at), Duration = TimeSpan.FromSeconds(duration), Multiplier = multiplier };
}
