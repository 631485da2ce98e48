namespace WsLoad.Reporting.Comparison;

/// <summary>
/// Two runs compared figure by figure (<see cref="ComparisonFigures"/>), with the notes a reader needs to trust the
/// verdict (a saturated generator, differing scenarios). Immutable; rendered by the Comparison* writers.
/// </summary>
internal sealed record RunComparison(ComparedRun Base, ComparedRun New, double Threshold, IReadOnlyList<FigureComparison> Figures, IReadOnlyList<string> Notes)
{
    /// <summary>The default of <c>--fail-on-regression</c>: 10%.</summary>
    public const double DefaultThreshold = 0.10;

    /// <summary>
    /// A latency figure must move by at least this much (ms) to count: below a millisecond, two runs of the same load
    /// on one machine differ by the scheduler's whims (a 4 ms kernel tick, a neighbour's burst), not the service's.
    /// </summary>
    public const double LatencyFloorMs = 1;

    public IEnumerable<FigureComparison> Regressions => Figures.Where(f => f.Verdict == ChangeVerdict.Regression);

    public IEnumerable<FigureComparison> Improvements => Figures.Where(f => f.Verdict == ChangeVerdict.Improvement);

    public bool HasRegression => Regressions.Any();

    /// <summary>Compares <paramref name="baseRun"/> with <paramref name="newRun"/>; <paramref name="threshold"/> is relative (0.1 = 10%).</summary>
    public static RunComparison Create(ComparedRun baseRun, ComparedRun newRun, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(newRun);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        var figures = ComparisonFigures.All
            .Select(f => new FigureComparison
            {
                Name = f.Name,
                Unit = f.Unit,
                Better = f.Better,
                Base = f.Value(baseRun),
                New = f.Value(newRun),
                BaseInterval = f.Interval(baseRun),
                NewInterval = f.Interval(newRun),
                Threshold = threshold,
                MinimumChange = f.Unit == "ms" ? LatencyFloorMs : 0,
            })
            .Where(f => f.Base is not null || f.New is not null)
            .ToList();
        return new RunComparison(baseRun, newRun, threshold, figures, NotesOn(baseRun, newRun));
    }

    private static List<string> NotesOn(ComparedRun baseRun, ComparedRun newRun)
    {
        var notes = new List<string>();
        var (b, n) = (baseRun.Result.Scenario, newRun.Result.Scenario);
        if (b.Connections.Count != n.Connections.Count)
        {
            notes.Add($"The runs planned different loads: {b.Connections.Count} vs {n.Connections.Count} connections.");
        }

        if (b.Target.Url != n.Target.Url)
        {
            notes.Add($"The runs had different targets: {b.Target.Url} vs {n.Target.Url}.");
        }

        foreach (var run in new[] { baseRun, newRun })
        {
            if (run.Result.GeneratorHealth is { Saturated: true })
            {
                notes.Add($"The generator was saturated during {run.Label}: its latency figures are partly the generator's own delay.");
            }

            if (run.Result.Status is Results.RunStatus.Interrupted or Results.RunStatus.Aborted)
            {
                notes.Add($"{run.Label} did not complete (status {run.Result.Status}).");
            }
        }

        return notes;
    }
}
