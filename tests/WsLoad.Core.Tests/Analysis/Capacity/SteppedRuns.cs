using MathNet.Numerics.Distributions;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Analysis.Capacity;

/// <summary>
/// Synthetic stepped-ramp results shaped like the engine's series (LoadTestRun.Sampling): a sample a little after each
/// second, the target at the end of the interval, the first second of a step only partly connected, then a closing.
/// </summary>
internal static class SteppedRuns
{
    public static RunResult Build(
        int steps, int stepConnections, int plateauSeconds, int holdSeconds,
        Func<double, double> throughputAtConcurrency, Func<double, double> p99AtConnections,
        double noise, int seed, int inFlight = 1, IReadOnlyList<string>? thresholds = null)
    {
        var random = new Random(seed);
        var normal = new Normal(0, 1, random);
        var rampEnd = steps * plateauSeconds;
        var series = new List<IntervalSample>();
        var previousAt = 0.0;
        for (var t = 1; t <= rampEnd + holdSeconds + 1; t++)
        {
            var at = t + (0.001 * random.Next(1, 5));
            var phase = at < rampEnd ? "ramp-up" : at < rampEnd + holdSeconds ? "hold" : "closing";
            var step = Math.Min(steps, (int)Math.Floor(at / plateauSeconds) + 1);
            var target = phase == "closing" ? 0 : step * stepConnections;
            var firstSecondOfStep = step > 1 && at - ((step - 1) * plateauSeconds) < 1 && phase != "closing";
            double open = firstSecondOfStep ? target - (0.4 * stepConnections) : target;
            var seconds = at - previousAt;
            var received = phase == "closing" ? 0 : throughputAtConcurrency(open * inFlight) * seconds * (1 + (noise * normal.Sample()));
            series.Add(new IntervalSample
            {
                AtSeconds = Math.Round(at, 3),
                Phase = phase,
                TargetConnections = target,
                OpenConnections = (long)open,
                Sent = (long)received,
                Received = (long)Math.Max(0, received),
                RttP50 = phase == "closing" ? null : p99AtConnections(open) / 3,
                RttP99 = phase == "closing" ? null : p99AtConnections(open) * (1 + (noise * normal.Sample())),
            });
            previousAt = at;
        }

        return Wrap(series, new Scenario
        {
            Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/") },
            Connections = new ConnectionOptions
            {
                Count = steps * stepConnections,
                Ramp = new RampOptions { Strategy = RampStrategy.Stepped, Steps = steps, Plateau = TimeSpan.FromSeconds(plateauSeconds) },
                Hold = TimeSpan.FromSeconds(holdSeconds),
            },
            Messages = new MessageOptions { InFlight = inFlight },
            Thresholds = thresholds ?? [],
        });
    }

    public static RunResult Wrap(IReadOnlyList<IntervalSample> series, Scenario scenario) => new()
    {
        Scenario = scenario,
        Environment = new RunEnvironment(),
        Summary = new RunSummary { Connections = new ConnectionSummary(), Messages = new MessageSummary(), LatencyMs = new LatencySummaries() },
        DurationSeconds = series.Count == 0 ? 0 : series[^1].AtSeconds,
        Series = series,
    };

    /// <summary>X(N) = λN / (1 + σ(N−1) + κN(N−1)).</summary>
    public static Func<double, double> Usl(double lambda, double sigma, double kappa) =>
        n => lambda * n / (1 + (sigma * (n - 1)) + (kappa * n * (n - 1)));
}
