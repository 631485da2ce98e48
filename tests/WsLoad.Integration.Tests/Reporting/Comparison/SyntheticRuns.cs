using HdrHistogram;
using WsLoad.Metrics;
using WsLoad.Reporting.Comparison;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Reporting.Comparison;

/// <summary>Synthetic latency histograms (seeded, so every test run sees the same samples) and runs built around them.</summary>
internal static class SyntheticRuns
{
    /// <summary><paramref name="count"/> samples of a log-normal latency around <paramref name="medianMs"/>, µs, times <paramref name="scale"/>.</summary>
    public static LongHistogram LogNormal(int count, int seed, double medianMs = 2, double scale = 1)
    {
        var random = new Random(seed);
        var histogram = LatencyRecorder.NewHistogram();
        for (var i = 0; i < count; i++)
        {
            // Box–Muller: a standard normal from two uniforms.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            histogram.RecordValue((long)(medianMs * 1000 * scale * Math.Exp(0.5 * normal)));
        }

        return histogram;
    }

    /// <summary>A run whose rtt is <paramref name="rtt"/> (summary and encoded histogram agree); the other figures are the CLI fixture's.</summary>
    public static ComparedRun Run(string label, HistogramBase rtt)
    {
        var fixture = SampleRuns.Result();
        var result = fixture with
        {
            Summary = fixture.Summary with { LatencyMs = fixture.Summary.LatencyMs with { Rtt = LatencyStatistics.Summarize(rtt) } },
            Histograms = new Dictionary<string, string> { ["rtt"] = HistogramCodec.Encode(rtt) },
        };
        return ComparedRun.From(label, result);
    }
}
