using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Analysis.RootCauses;

/// <summary>
/// Where latency turned up for good: the first of two consecutive seconds whose rtt p99 exceeds both
/// <see cref="Factor"/> × the early p99 (the median of the first third of measured seconds, at least three) and the
/// early p99 + <see cref="MinimumRiseMs"/>. Two in a row, so one hiccup is not a knee. Unlike a spike against the whole
/// run's median, it finds a steady climb (a server falling behind), where the median itself is already high.
/// A rise that latency came back from is not a knee: when at least <see cref="MinimumLaterSeconds"/> later seconds carried
/// as many open connections and replies a second and their median p99 is back under the limit, the server held more load
/// than at the rise (a ramp's connect churn, a passing hiccup), and the search goes on after it. Ramp-down seconds are
/// left out: the load falls there.
/// </summary>
internal static class LatencyKnee
{
    public const double Factor = 3;

    public const double MinimumRiseMs = 5;

    public const int MinimumLaterSeconds = 3;

    /// <summary>The knee's index into <paramref name="series"/> and the early p99; both null without a knee (or data).</summary>
    public static (int? Index, double? EarlyP99) Find(IReadOnlyList<IntervalSample> series) => Find(series, s => s.RttP99);

    /// <summary>The same on another per-second p99 (a broadcast's fan-out p99).</summary>
    public static (int? Index, double? EarlyP99) Find(IReadOnlyList<IntervalSample> series, Func<IntervalSample, double?> p99)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(p99);
        var measured = Enumerable.Range(0, series.Count).Where(i => p99(series[i]) is not null && series[i].Received > 0 && !Unloading(series[i])).ToList();
        if (measured.Count < 6)
        {
            return (null, null);
        }

        var early = measured.Take(Math.Max(3, measured.Count / 3)).Select(i => p99(series[i])!.Value).Order().ToList();
        var earlyP99 = early[early.Count / 2];
        var limit = Math.Max(earlyP99 * Factor, earlyP99 + MinimumRiseMs);
        for (var k = 0; k + 1 < measured.Count; k++)
        {
            if (p99(series[measured[k]]) > limit && p99(series[measured[k + 1]]) > limit && !CameBack(series, measured, k, limit, p99))
            {
                return (measured[k], earlyP99);
            }
        }

        return (null, earlyP99);
    }

    /// <summary>Ramp-down and closing seconds: the load is falling and closes compete with replies, so a rise there is no capacity knee.</summary>
    private static bool Unloading(IntervalSample second) => second.Phase is PlanPhases.RampDownName or PlanPhases.ClosingName;

    private static bool CameBack(IReadOnlyList<IntervalSample> series, List<int> measured, int k, double limit, Func<IntervalSample, double?> p99)
    {
        var rise = series[measured[k]];
        var sameOrMoreLoad = measured.Skip(k + 2)
            .Where(i => series[i].OpenConnections >= rise.OpenConnections && series[i].Received >= rise.Received)
            .Select(i => p99(series[i])!.Value)
            .Order()
            .ToList();
        return sameOrMoreLoad.Count >= MinimumLaterSeconds && sameOrMoreLoad[sameOrMoreLoad.Count / 2] <= limit;
    }
}
