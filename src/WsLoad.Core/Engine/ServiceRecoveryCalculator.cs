using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// Computes when the service was back after a burst of drops, from the per-second series alone (pure: no clock).
/// The definition is on <see cref="ServiceRecoverySummary"/>; the 10% tolerance and the 1 ms floor are constants here.
/// </summary>
internal static class ServiceRecoveryCalculator
{
    public const double Tolerance = 0.10;
    public const double RttFloorMs = 1.0;

    /// <param name="series">The run's intervals, in order; each ends at <see cref="IntervalSample.AtSeconds"/> and starts where the previous ended.</param>
    /// <param name="faultAt">The first drop, seconds since the start.</param>
    /// <param name="baselineFrom">Intervals starting before this (the ramp-up) are not part of the baseline.</param>
    /// <param name="holdEnd">Intervals ending after this (ramp-down, closing) are not judged.</param>
    public static ServiceRecoverySummary Compute(IReadOnlyList<IntervalSample> series, double faultAt, double baselineFrom, double holdEnd)
    {
        const double Epsilon = 0.001;
        var throughputs = new List<double>();
        var p99s = new List<double>();
        var start = 0.0;
        var burstOver = false;
        double? backAt = null;
        double? baselineThroughput = null;
        double? baselineP99 = null;
        foreach (var sample in series)
        {
            var end = sample.AtSeconds;
            var length = end - start;
            var intervalStart = start;
            start = end;
            if (length <= Epsilon)
            {
                continue;
            }

            if (end <= faultAt + Epsilon)
            {
                // Before the fault: a baseline second, if it is a whole one after the ramp-up.
                if (intervalStart >= baselineFrom - Epsilon && length >= 1 - Epsilon && sample.Received > 0)
                {
                    throughputs.Add(sample.Received / length);
                    if (sample.RttP99 is { } before)
                    {
                        p99s.Add(before);
                    }
                }

                continue;
            }

            baselineThroughput ??= Median(throughputs);
            baselineP99 ??= Median(p99s);
            if (!burstOver)
            {
                burstOver = sample.Dropped == 0;
            }

            if (!burstOver || sample.Dropped > 0 || end > holdEnd + Epsilon || baselineThroughput is not { } throughput)
            {
                continue;
            }

            var rate = sample.Received / length;
            var rateBack = Math.Abs(rate - throughput) <= Tolerance * throughput;
            var rttBack = baselineP99 is not { } baseP99
                || (sample.RttP99 is { } p99 && p99 <= baseP99 + Math.Max(Tolerance * baseP99, RttFloorMs));
            if (rateBack && rttBack)
            {
                backAt = end;
                break;
            }
        }

        return new ServiceRecoverySummary
        {
            FaultAtSeconds = Math.Round(faultAt, 3),
            BaselineIntervals = throughputs.Count,
            BaselineThroughputPerSec = Round(Median(throughputs), 1),
            BaselineRttP99Ms = Round(Median(p99s), 3),
            BackAtSeconds = backAt is { } at ? Math.Round(at, 3) : null,
            SecondsToRecover = backAt is { } back ? Math.Round(back - faultAt, 3) : null,
        };
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
