using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// A per-second signal that may rise before drops, with its own rule for "elevated": above median + max(3·1.4826·MAD,
/// floor) of the seconds before the look-back window, where the floor is relative to the median (a signal with no
/// spread must still move by a real amount). Values are NaN where the second has none.
/// </summary>
internal sealed record PrecursorSignal(string Name, string Unit, double[] Values, Func<double, double> Floor)
{
    public static IEnumerable<PrecursorSignal> Of(RunResult result)
    {
        var series = result.Series;
        yield return new(ChainSignals.RttP99Rise, "ms", [.. series.Select(s => s.RttP99 ?? double.NaN)], median => Math.Max(0.5 * median, 1));
        if (result.Scenario.Messages.Expect != ExpectMode.None)
        {
            yield return new(ChainSignals.ReplyShortfall, "ratio", [.. series.Select(Shortfall)], _ => 0.05);
        }

        yield return new(ChainSignals.ServerCpuRise, "%", [.. series.Select(s => s.Server?.CpuPercent ?? double.NaN)], median => Math.Max(0.3 * median, 10));
        yield return new(ChainSignals.GeneratorSaturated, "saturated", [.. series.Select(s => s.Generator is null ? double.NaN : s.Generator.Saturated ? 1 : 0)], _ => 0.5);
    }

    /// <summary>(sent − received) ÷ sent: replies falling behind (timeouts or loss building up); NaN without sends.</summary>
    private static double Shortfall(IntervalSample sample) =>
        sample.Sent > 0 ? Math.Max(0, sample.Sent - sample.Received) / (double)sample.Sent : double.NaN;

    /// <summary>
    /// The onset of this signal before the drops starting at interval <paramref name="dropStart"/>: the first second of
    /// an elevated stretch that begins inside the window and is still elevated in one of the last two seconds before
    /// the drops. Null when there is none or too little baseline.
    /// </summary>
    public (int Onset, double Peak, ElevationThreshold Baseline)? OnsetBefore(int dropStart, int dropEnd, int window)
    {
        var windowStart = Math.Max(0, dropStart - window);
        var baseline = BaselineOutside(windowStart, dropEnd);
        if (baseline is not { } b)
        {
            return null;
        }

        bool Elevated(int i) => i >= 0 && !double.IsNaN(Values[i]) && b.IsElevated(Values[i]);
        var last = Elevated(dropStart - 1) ? dropStart - 1 : Elevated(dropStart - 2) ? dropStart - 2 : -1;
        if (last < 0)
        {
            return null;
        }

        var onset = last;
        while (Elevated(onset - 1))
        {
            onset--;
        }

        if (onset < windowStart)
        {
            return null; // elevated since before the window: a standing condition, not a rise before these drops
        }

        var peak = Enumerable.Range(onset, last - onset + 1).Max(i => Values[i]);
        return (onset, peak, b);
    }

    /// <summary>The seconds before the window when there are 3 or more with values; else all seconds outside window and drops.</summary>
    private ElevationThreshold? BaselineOutside(int windowStart, int dropEnd)
    {
        var before = Values.Take(windowStart).Where(v => !double.IsNaN(v)).ToList();
        if (before.Count < 3)
        {
            before = [.. Values.Where((v, i) => (i < windowStart || i > dropEnd) && !double.IsNaN(v))];
        }

        if (before.Count < 3)
        {
            return null;
        }

        var median = RobustBaseline.MedianOf(before);
        return ElevationThreshold.Of(before, FailurePatternRules.K, Floor(median));
    }
}
