using MathNet.Numerics.Statistics;
using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Analysis.Capacity;

/// <summary>
/// Finds the plateaus of a run from its series alone: maximal runs of consecutive ramp-up or hold seconds with the same
/// target connection count (the last step of a stepped ramp runs on into the hold and counts as one plateau). A
/// plateau's first <see cref="SettleSeconds"/> are left out (its interval holds the step's opening), and so are
/// seconds with fewer than <see cref="SettledOpenFraction"/> of the target open (connections still being made); it
/// needs <see cref="MinSettledSeconds"/> settled seconds to count.
/// </summary>
internal static class PlateauExtractor
{
    public const int SettleSeconds = 1;

    public const double SettledOpenFraction = 0.95;

    public const int MinSettledSeconds = 2;

    public static IReadOnlyList<Plateau> Extract(IReadOnlyList<IntervalSample> series, int inFlightPerConnection)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plateaus = new List<Plateau>();
        var i = 0;
        while (i < series.Count)
        {
            if (!IsLoaded(series[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < series.Count && IsLoaded(series[end]) && series[end].TargetConnections == series[i].TargetConnections)
                end++;
            var settled = Enumerable.Range(i + SettleSeconds, Math.Max(0, end - i - SettleSeconds))
                .Where(j => series[j].OpenConnections >= SettledOpenFraction * series[j].TargetConnections)
                .ToList();
            if (settled.Count >= MinSettledSeconds)
                plateaus.Add(Describe(series, settled, plateaus.Count, inFlightPerConnection));
            i = end;
        }

        return plateaus;
    }

    private static bool IsLoaded(IntervalSample sample) =>
        sample.TargetConnections > 0 && sample.Phase is PlanPhases.RampUpName or PlanPhases.HoldName;

    private static Plateau Describe(IReadOnlyList<IntervalSample> series, List<int> settled, int index, int inFlight)
    {
        var throughput = settled.Select(j => series[j].Received / Anomalies.SeriesReading.IntervalSeconds(series, j)).ToList();
        var open = settled.Select(j => (double)series[j].OpenConnections).Median();
        var p50 = settled.Where(j => series[j].RttP50.HasValue).Select(j => series[j].RttP50!.Value).ToList();
        var p99 = settled.Where(j => series[j].RttP99.HasValue).Select(j => series[j].RttP99!.Value).ToList();
        var median = throughput.Median();
        return new Plateau
        {
            Index = index,
            TargetConnections = series[settled[0]].TargetConnections,
            Connections = open,
            Concurrency = open * inFlight,
            FromSeconds = series[settled[0]].AtSeconds - Anomalies.SeriesReading.IntervalSeconds(series, settled[0]),
            ToSeconds = series[settled[^1]].AtSeconds,
            Seconds = settled.Count,
            Throughput = median,
            ThroughputSigma = 1.4826 * throughput.Select(x => Math.Abs(x - median)).Median(),
            RttP50 = p50.Count == 0 ? null : p50.Median(),
            RttP99 = p99.Count == 0 ? null : p99.Median(),
            GeneratorSaturatedSeconds = settled.Count(j => series[j].Generator?.Saturated == true),
        };
    }
}
