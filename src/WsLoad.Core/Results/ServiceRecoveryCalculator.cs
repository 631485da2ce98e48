namespace WsLoad.Results;

/// <summary>
/// Computes when the service was back after each burst of drops, from the per-second series alone (pure: no clock).
/// The definition is on <see cref="ServiceRecoverySummary"/>; the 10% tolerance and the 1 ms floor are constants here.
/// </summary>
internal static class ServiceRecoveryCalculator
{
    public const double Tolerance = 0.10;
    public const double RttFloorMs = 1.0;

    /// <summary>
    /// A baseline interval must be about a whole second: the sampler's ticks jitter by a few ms (an interval of 0.999 s is
    /// whole), while the run's first and last intervals can be fractions.
    /// </summary>
    public const double WholeIntervalSeconds = 0.9;

    /// <summary>
    /// One summary per burst of drops, in order. A burst starts with an interval with drops after one without (or at the
    /// run's start) and lasts while consecutive intervals have drops. Every burst is judged against the baseline before
    /// the first one (the healthy service), and only until the next burst begins: a service not back by then is not back.
    /// </summary>
    /// <param name="series">The run's intervals, in order; each ends at <see cref="IntervalSample.AtSeconds"/> and starts where the previous ended.</param>
    /// <param name="firstDropAt">
    /// The intervals with drops of any kind (injected ones too, which <see cref="IntervalSample.Dropped"/> leaves out), by
    /// index, with the exact time of their first drop (<see cref="FirstDropByInterval"/>).
    /// </param>
    /// <param name="baselineFrom">Intervals starting before this (the ramp-up) are not part of the baseline.</param>
    /// <param name="holdEnd">Intervals ending after this (ramp-down, closing) are not judged.</param>
    public static IReadOnlyList<ServiceRecoverySummary> ComputeEach(
        IReadOnlyList<IntervalSample> series, IReadOnlyDictionary<int, double> firstDropAt, double baselineFrom, double holdEnd)
    {
        bool HadDrops(int i) => firstDropAt.ContainsKey(i);
        var starts = Enumerable.Range(0, series.Count).Where(i => HadDrops(i) && (i == 0 || !HadDrops(i - 1))).ToList();
        if (starts.Count == 0)
        {
            return [];
        }

        double IntervalStart(int i) => i == 0 ? 0 : series[i - 1].AtSeconds;
        var firstFault = firstDropAt[starts[0]];
        return [.. starts.Select((start, k) => Compute(
            series, HadDrops, firstDropAt[start], firstFault, baselineFrom, holdEnd, k + 1 < starts.Count ? IntervalStart(starts[k + 1]) : double.PositiveInfinity))];
    }

    /// <summary>
    /// The earliest of <paramref name="dropSeconds"/> in each interval, by the interval's index (an interval ends at its
    /// sample's time and starts at the previous one's); drops after the last interval (while closing) are left out.
    /// </summary>
    public static Dictionary<int, double> FirstDropByInterval(IReadOnlyList<IntervalSample> series, IEnumerable<double> dropSeconds)
    {
        var ends = series.Select(s => s.AtSeconds).ToArray();
        var first = new Dictionary<int, double>();
        foreach (var at in dropSeconds)
        {
            var index = Array.BinarySearch(ends, at);
            index = index >= 0 ? index : ~index; // the first interval that ends at or after the drop
            if (index < ends.Length && (!first.TryGetValue(index, out var earlier) || at < earlier))
            {
                first[index] = at;
            }
        }

        return first;
    }

    /// <summary>The summary for the burst of drops that began at <paramref name="faultAt"/>, the run's first.</summary>
    /// <param name="series">The run's intervals, in order; each ends at <see cref="IntervalSample.AtSeconds"/> and starts where the previous ended.</param>
    /// <param name="faultAt">The first drop, seconds since the start.</param>
    /// <param name="baselineFrom">Intervals starting before this (the ramp-up) are not part of the baseline.</param>
    /// <param name="holdEnd">Intervals ending after this (ramp-down, closing) are not judged.</param>
    public static ServiceRecoverySummary Compute(IReadOnlyList<IntervalSample> series, double faultAt, double baselineFrom, double holdEnd) =>
        Compute(series, i => series[i].Dropped > 0, faultAt, faultAt, baselineFrom, holdEnd, double.PositiveInfinity);

    private static ServiceRecoverySummary Compute(
        IReadOnlyList<IntervalSample> series, Func<int, bool> hadDrops, double faultAt, double baselineUntil, double baselineFrom, double holdEnd, double judgeUntil)
    {
        const double Epsilon = 0.001;
        var throughputs = new List<double>();
        var p99s = new List<double>();
        var start = 0.0;
        var burstOver = false;
        double? backAt = null;
        for (var index = 0; index < series.Count; index++)
        {
            var sample = series[index];
            var dropped = hadDrops(index);
            var end = sample.AtSeconds;
            var length = end - start;
            var intervalStart = start;
            start = end;
            if (length <= Epsilon)
            {
                continue;
            }

            if (end <= baselineUntil + Epsilon)
            {
                // Before the run's first drop: a baseline second, if it is a whole one after the ramp-up.
                if (intervalStart >= baselineFrom - Epsilon && length >= WholeIntervalSeconds && sample.Received > 0)
                {
                    throughputs.Add(sample.Received / length);
                    if (sample.RttP99 is { } before)
                    {
                        p99s.Add(before);
                    }
                }
            }

            if (end <= faultAt + Epsilon)
            {
                continue;
            }

            if (end > judgeUntil + Epsilon)
            {
                break; // the next burst began: this one is judged no further
            }

            if (!burstOver)
            {
                burstOver = !dropped;
            }

            if (!burstOver || dropped || end > holdEnd + Epsilon || Median(throughputs) is not { } throughput)
            {
                continue;
            }

            var rate = sample.Received / length;
            var rateBack = Math.Abs(rate - throughput) <= Tolerance * throughput;
            var rttBack = Median(p99s) is not { } baseP99
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
