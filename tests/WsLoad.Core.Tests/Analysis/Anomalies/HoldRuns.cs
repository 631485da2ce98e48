using MathNet.Numerics.Distributions;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Tests.Analysis.Capacity;

namespace WsLoad.Tests.Analysis.Anomalies;

/// <summary>Synthetic runs with a linear ramp-up, a long hold and a closing second, with seeded noise and planted changes.</summary>
internal static class HoldRuns
{
    public const int RampSeconds = 5;

    /// <summary>
    /// Throughput ~1000/s, p99 ~5 ms, server CPU ~50%, no errors, each with <paramref name="noise"/> relative noise;
    /// <paramref name="plant"/> may change sample t (1-based second) after the noise.
    /// </summary>
    public static RunResult Build(int holdSeconds, int seed, double noise = 0.02, Func<int, IntervalSample, IntervalSample>? plant = null)
    {
        var normal = new Normal(0, 1, new Random(seed));
        var series = new List<IntervalSample>();
        for (var t = 1; t <= RampSeconds + holdSeconds + 1; t++)
        {
            var phase = t <= RampSeconds ? "ramp-up" : t <= RampSeconds + holdSeconds ? "hold" : "closing";
            var load = phase == "ramp-up" ? t / (double)RampSeconds : phase == "hold" ? 1 : 0;
            var sample = new IntervalSample
            {
                AtSeconds = t,
                Phase = phase,
                TargetConnections = (int)(100 * load),
                OpenConnections = (long)(100 * load),
                Received = (long)(1000 * load * (1 + (noise * normal.Sample()))),
                RttP50 = 2 * (1 + (noise * normal.Sample())),
                RttP99 = 5 * (1 + (noise * normal.Sample())),
                Server = new ProcessSample { CpuPercent = 50 * load * (1 + (noise * normal.Sample())) },
            };
            series.Add(plant?.Invoke(t, sample) ?? sample);
        }

        return SteppedRuns.Wrap(series, new Scenario { Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/") } });
    }
}
