using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RawEcho;

/// <summary>Exact percentiles of every sample, by sorting (no histogram): nearest rank, the value at ceil(p·n).</summary>
internal static class Percentiles
{
    public static JsonObject Summary(long[] ticks)
    {
        var sorted = ticks.Order().ToArray();
        return new JsonObject
        {
            ["count"] = sorted.Length,
            ["p50"] = Ms(At(sorted, 0.50)),
            ["p90"] = Ms(At(sorted, 0.90)),
            ["p95"] = Ms(At(sorted, 0.95)),
            ["p99"] = Ms(At(sorted, 0.99)),
            ["p999"] = Ms(At(sorted, 0.999)),
            ["max"] = Ms(sorted.Length == 0 ? 0 : sorted[^1]),
            ["mean"] = sorted.Length == 0 ? 0 : Math.Round(sorted.Average() * 1000 / Stopwatch.Frequency, 3),
        };
    }

    private static long At(long[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Ms(long ticks) => Math.Round(ticks * 1000.0 / Stopwatch.Frequency, 3);
}
