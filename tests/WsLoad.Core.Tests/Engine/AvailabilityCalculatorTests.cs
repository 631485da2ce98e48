using WsLoad.Engine;
using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Engine;

public class AvailabilityCalculatorTests
{
    private const long Frequency = 1_000; // timestamps in ms for readability
    private const long RunStart = 5_000;

    [Fact]
    public void Up_time_is_measured_from_the_101_to_the_close_within_the_planned_window()
    {
        var plan = ConnectionPlan.Create(new ConnectionOptions { Count = 4, Ramp = new RampOptions { Duration = TimeSpan.Zero }, Hold = TimeSpan.FromSeconds(10) });
        var sessions = new ClientSession?[]
        {
            Session(0, opened: 0, closed: null),   // up the whole run
            Session(1, opened: 0, closed: 5),      // dropped half way
            Session(2, opened: null, closed: null), // never connected
            Session(3, opened: 1, closed: 10.2),   // slow to connect, closed a little after its planned close
        };

        var availability = AvailabilityCalculator.Compute(sessions, plan, RunStart, RunStart + 11_000, Frequency, drops: 1)!;

        // Windows: 10, 10, 10 (planned open to close) and 9 (from its 101); up: 10, 5, 0, 9.
        Assert.Equal(Math.Round(100.0 * 24 / 39, 4), availability.OverallPercent);
        Assert.Equal(0, availability.MinConnectionPercent);
        Assert.Equal(100, availability.MedianConnectionPercent);
        Assert.Equal(2, availability.ConnectionsBelowFull);
        Assert.Equal(24, availability.MtbfSeconds);
        Assert.Null(availability.MttrSeconds);
    }

    [Fact]
    public void A_run_without_failures_is_fully_available_and_has_no_mtbf()
    {
        var plan = ConnectionPlan.Create(new ConnectionOptions { Count = 2, Ramp = new RampOptions { Duration = TimeSpan.Zero }, Hold = TimeSpan.FromSeconds(3) });

        var availability = AvailabilityCalculator.Compute([Session(0, 0, 3), Session(1, 0, null)], plan, RunStart, RunStart + 3_000, Frequency, drops: 0)!;

        Assert.Equal(100, availability.OverallPercent);
        Assert.Null(availability.MtbfSeconds);
        Assert.Null(AvailabilityCalculator.Compute([null, null], plan, RunStart, RunStart + 3_000, Frequency, 0));
    }

    private static ClientSession Session(int slot, double? opened, double? closed) => new(slot, slot)
    {
        OpenedTimestamp = opened is { } o ? RunStart + (long)(o * Frequency) : 0,
        ClosedTimestamp = closed is { } c ? RunStart + (long)(c * Frequency) : 0,
    };
}
