namespace WsLoad.Analysis.Failures;

/// <summary>A stretch of elevated seconds of one signal: interval indices into the run's series (inclusive).</summary>
internal readonly record struct ElevatedRun(int First, int Last, double Total, double Peak)
{
    /// <summary>
    /// The stretches of consecutive seconds where <paramref name="elevated"/> holds; stretches separated by at most
    /// <paramref name="maxGap"/> quiet seconds are one (a burst that dips for a second is still one burst).
    /// </summary>
    public static List<ElevatedRun> Find(IReadOnlyList<double> values, Func<int, bool> elevated, int maxGap)
    {
        var runs = new List<ElevatedRun>();
        int? first = null;
        var last = -1;
        for (var i = 0; i < values.Count; i++)
        {
            if (!elevated(i))
            {
                continue;
            }

            if (first is not null && i - last - 1 > maxGap)
            {
                runs.Add(Make(values, first.Value, last));
                first = null;
            }

            first ??= i;
            last = i;
        }

        if (first is not null)
        {
            runs.Add(Make(values, first.Value, last));
        }

        return runs;
    }

    private static ElevatedRun Make(IReadOnlyList<double> values, int first, int last)
    {
        double total = 0, peak = double.MinValue;
        for (var i = first; i <= last; i++)
        {
            total += values[i];
            peak = Math.Max(peak, values[i]);
        }

        return new ElevatedRun(first, last, total, peak);
    }
}
