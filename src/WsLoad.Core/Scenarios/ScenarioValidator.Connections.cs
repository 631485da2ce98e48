namespace WsLoad.Scenarios;

public static partial class ScenarioValidator
{
    // Only the parameters the chosen strategy uses are checked; the others keep harmless defaults.
    private static void ValidateRamp(List<ScenarioError> errors, RampOptions ramp)
    {
        switch (ramp.Strategy)
        {
            case RampStrategy.Linear:
                NonNegative(errors, "connections.ramp.duration", ramp.Duration);
                break;
            case RampStrategy.Exponential:
                Positive(errors, "connections.ramp.duration", ramp.Duration);
                if (!(ramp.Growth > 0) || !double.IsFinite(ramp.Growth))
                    Add(errors, "connections.ramp.growth", "must be greater than zero, e.g. 5");
                break;
            case RampStrategy.Stepped:
                if (ramp.Steps < 1)
                    Add(errors, "connections.ramp.steps", "must be at least 1");
                Positive(errors, "connections.ramp.plateau", ramp.Plateau);
                break;
            case RampStrategy.Burst:
                if (ramp.BatchSize < 0)
                    Add(errors, "connections.ramp.batchSize", "must not be negative (0 or absent opens all connections at once)");
                if (ramp.BatchSize > 0)
                    Positive(errors, "connections.ramp.interval", ramp.Interval);
                break;
            default:
                Add(errors, "connections.ramp.strategy", "unknown value; allowed: linear, exponential, stepped, burst");
                break;
        }
    }

    private static void ValidateArrival(List<ScenarioError> errors, ArrivalOptions arrival)
    {
        if (!(arrival.RatePerSecond > 0) || !double.IsFinite(arrival.RatePerSecond))
            Add(errors, "connections.arrival.rate", "must be greater than zero, e.g. 200/s");
        if (arrival.Max < 1)
            Add(errors, "connections.arrival.max", "must be at least 1");
        NonNegative(errors, "connections.arrival.duration", arrival.Duration);
    }
}
