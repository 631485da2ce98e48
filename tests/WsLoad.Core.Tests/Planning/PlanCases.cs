using WsLoad.Scenarios;

namespace WsLoad.Tests.Planning;

/// <summary>Connection options for each strategy, shared by the plan and scheduler tests.</summary>
internal static class PlanCases
{
    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    public static ConnectionOptions Ramp(
        RampStrategy strategy,
        int count,
        double duration = 10,
        int steps = 5,
        double plateau = 10,
        int? batchSize = null,
        double interval = 1,
        double growth = 5,
        double hold = 0,
        double rampDown = 0) => new()
        {
            Count = count,
            Hold = S(hold),
            RampDown = S(rampDown),
            Ramp = new RampOptions
            {
                Strategy = strategy,
                Duration = S(duration),
                Steps = steps,
                Plateau = S(plateau),
                BatchSize = batchSize,
                Interval = S(interval),
                Growth = growth,
            },
        };

    public static ConnectionOptions Arrivals(double rate, int max, double duration, double hold = 0, double rampDown = 0) => new()
    {
        Count = 999, // ignored in favour of the arrivals
        Hold = S(hold),
        RampDown = S(rampDown),
        Arrival = new ArrivalOptions { RatePerSecond = rate, Max = max, Duration = S(duration) },
    };

    /// <summary>One plan per strategy with a hold and a ramp-down, small enough to check slot by slot.</summary>
    public static TheoryData<string, ConnectionOptions> EveryStrategy() => new()
    {
        { "linear", Ramp(RampStrategy.Linear, 50, duration: 2, hold: 0.5, rampDown: 1) },
        { "linear, uneven ticks", Ramp(RampStrategy.Linear, 7, duration: 1, hold: 0.1, rampDown: 0.3) },
        { "exponential", Ramp(RampStrategy.Exponential, 50, duration: 2, hold: 0.5, rampDown: 1) },
        { "exponential, growth 0.5", Ramp(RampStrategy.Exponential, 20, duration: 1, growth: 0.5, rampDown: 0.5) },
        { "stepped", Ramp(RampStrategy.Stepped, 10, steps: 3, plateau: 0.5, hold: 0.2, rampDown: 0.3) },
        { "stepped, more steps than slots", Ramp(RampStrategy.Stepped, 2, steps: 4, plateau: 0.25) },
        { "burst, all at once", Ramp(RampStrategy.Burst, 30, hold: 0.5, rampDown: 0.5) },
        { "burst, batches", Ramp(RampStrategy.Burst, 10, batchSize: 4, interval: 0.25, hold: 0.5, rampDown: 0.2) },
        { "arrival, up to max", Arrivals(rate: 20, max: 30, duration: 10, hold: 0.5, rampDown: 0.5) },
        { "arrival, cut by duration", Arrivals(rate: 3, max: 100, duration: 1, hold: 0.2) },
        { "one slot", Ramp(RampStrategy.Linear, 1, duration: 1, hold: 1, rampDown: 1) },
        { "zero duration", Ramp(RampStrategy.Linear, 10, duration: 0, hold: 0.3) },
        { "no slots", Ramp(RampStrategy.Linear, 0, duration: 0.5, hold: 0.2) },
    };
}
