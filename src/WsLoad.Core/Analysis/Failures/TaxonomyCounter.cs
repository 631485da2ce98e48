using WsLoad.Results;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// Counts a run's failures by kind: every class of <see cref="RunResult.ErrorsByClass"/>, plus the counters that are
/// not error classes (late, duplicated and out-of-order replies from the summary, saturated intervals from the
/// generator's health). Kinds come most first, ties by kind.
/// </summary>
internal static class TaxonomyCounter
{
    public const string LateCounter = "summary.messages.late";
    public const string DuplicatedCounter = "summary.messages.duplicated";
    public const string OutOfOrderCounter = "summary.messages.outOfOrder";
    public const string SaturatedCounter = "generatorHealth.saturatedIntervals";

    public static IReadOnlyList<FailureKindCount> Count(RunResult result)
    {
        var sources = new List<(FailureClassCount Source, string Unit)>();
        foreach (var (failureClass, count) in result.ErrorsByClass.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (count > 0)
            {
                sources.Add((new FailureClassCount { Classification = FailureTaxonomy.Classify(failureClass), Count = count }, TaxonomyUnits.Failures));
            }
        }

        var messages = result.Summary.Messages;
        AddCounter(sources, LateCounter, FailureKind.MessageTimeout, messages.Late, TaxonomyUnits.Messages);
        AddCounter(sources, DuplicatedCounter, FailureKind.Order, messages.Duplicated, TaxonomyUnits.Messages);
        AddCounter(sources, OutOfOrderCounter, FailureKind.Order, messages.OutOfOrder, TaxonomyUnits.Messages);
        AddCounter(sources, SaturatedCounter, FailureKind.GeneratorSaturation, result.GeneratorHealth?.SaturatedIntervals ?? 0, TaxonomyUnits.Intervals);

        return sources
            .GroupBy(s => s.Source.Classification.Kind)
            .Select(g => new FailureKindCount
            {
                Kind = g.Key,
                Count = g.Sum(s => s.Source.Count),
                Unit = g.First().Unit,
                Sources = [.. g.Select(s => s.Source).OrderByDescending(s => s.Count).ThenBy(s => s.Classification.Class, StringComparer.Ordinal)],
            })
            .OrderByDescending(k => k.Count)
            .ThenBy(k => k.Kind)
            .ToList();
    }

    private static void AddCounter(List<(FailureClassCount, string)> sources, string name, FailureKind kind, long count, string unit)
    {
        if (count > 0)
        {
            sources.Add((new FailureClassCount { Classification = new FailureClassification { Class = name, Kind = kind }, Count = count }, unit));
        }
    }
}
