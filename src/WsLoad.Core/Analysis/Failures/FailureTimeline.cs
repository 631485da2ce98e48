using WsLoad.Results;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// The run's per-second series seen as failure signals: total failures, failures by kind and by class, drops, and the
/// start and end time of each interval. Built once per analysis; read-only after.
/// </summary>
internal sealed class FailureTimeline
{
    private FailureTimeline(IReadOnlyList<IntervalSample> series)
    {
        Series = series;
        Starts = new double[series.Count];
        Ends = new double[series.Count];
        var totals = new double[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            Starts[i] = i == 0 ? Math.Max(0, series[0].AtSeconds - 1) : series[i - 1].AtSeconds;
            Ends[i] = series[i].AtSeconds;
            totals[i] = series[i].ErrorsByClass is { } byClass ? byClass.Values.Sum() : series[i].Errors;
            foreach (var (failureClass, count) in series[i].ErrorsByClass ?? new Dictionary<string, long>())
            {
                var kind = FailureTaxonomy.Classify(failureClass).Kind;
                if (!ByKind.TryGetValue(kind, out var perSecond))
                {
                    ByKind[kind] = perSecond = new double[series.Count];
                }

                perSecond[i] += count;
            }
        }

        Totals = totals;
        Drops = series.Select(s => (double)s.Dropped).ToArray();
    }

    public IReadOnlyList<IntervalSample> Series { get; }

    public int Count => Series.Count;

    /// <summary>Start of interval i: the previous sample's time (the first interval is taken to be one second long).</summary>
    public double[] Starts { get; }

    public double[] Ends { get; }

    /// <summary>Failures per second: the sum of the interval's classes, or its error count when it has none.</summary>
    public IReadOnlyList<double> Totals { get; }

    public IReadOnlyList<double> Drops { get; }

    public Dictionary<FailureKind, double[]> ByKind { get; } = [];

    public static FailureTimeline Of(RunResult result) => new(result.Series);

    /// <summary>Failures by kind over intervals first..last, most first (ties by kind).</summary>
    public IReadOnlyList<FailureKind> KindsIn(int first, int last) =>
        ByKind
            .Select(p => (Kind: p.Key, Count: p.Value.Skip(first).Take(last - first + 1).Sum()))
            .Where(p => p.Count > 0)
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Kind)
            .Select(p => p.Kind)
            .ToList();

    /// <summary>The class of <paramref name="kind"/> most counted over intervals first..last.</summary>
    public string? TopClassIn(FailureKind kind, int first, int last) =>
        Series.Skip(first).Take(last - first + 1)
            .SelectMany(s => s.ErrorsByClass ?? new Dictionary<string, long>())
            .Where(p => FailureTaxonomy.Classify(p.Key).Kind == kind)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => (Class: g.Key, Count: g.Sum(p => p.Value)))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Class, StringComparer.Ordinal)
            .Select(p => p.Class)
            .FirstOrDefault();

    /// <summary>Intervals first..last in which the generator was saturated.</summary>
    public int SaturatedIn(int first, int last) =>
        Series.Skip(first).Take(last - first + 1).Count(s => s.Generator is { Saturated: true });
}
