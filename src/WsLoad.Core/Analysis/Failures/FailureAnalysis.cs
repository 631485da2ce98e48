using System.Globalization;
using WsLoad.Results;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// Failure analysis of a run: a pure function of its <see cref="RunResult"/> (no I/O, no clock, no randomness), so the
/// same run.json always gives the same findings in the same order. Rules and thresholds: <see cref="FailurePatternRules"/>.
/// </summary>
public static class FailureAnalysis
{
    public static FailureAnalysisResult Analyze(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var timeline = FailureTimeline.Of(result);
        var found = new List<FailurePattern>();
        if (BurstDetector.Sustained(timeline, result) is { } sustained)
        {
            found.Add(sustained);
        }

        found.AddRange(BurstDetector.Bursts(timeline, result.Events));
        found.AddRange(SequenceDetector.Find(timeline, result));
        found.AddRange(CascadeDetector.Find(timeline, result.Events));
        found.AddRange(GroupDetector.Find(result));

        return new FailureAnalysisResult
        {
            Taxonomy = TaxonomyCounter.Count(result),
            Patterns = WithIds(found),
            UnmappedClasses = [.. result.ErrorsByClass.Keys
                .Concat(result.Series.SelectMany(s => s.ErrorsByClass?.Keys ?? Enumerable.Empty<string>()))
                .Distinct(StringComparer.Ordinal)
                .Where(c => !FailureTaxonomy.TryClassify(c, out _))
                .Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>Orders the patterns (start, kind, group, first link) and names each by its kind and rank, e.g. <c>burst-2</c>.</summary>
    private static List<FailurePattern> WithIds(List<FailurePattern> found)
    {
        var ordered = found
            .OrderBy(p => p.StartSeconds)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.Group?.Grouping ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Group?.Name ?? "", StringComparer.Ordinal)
            .ThenBy(p => p.Chain.Count > 0 ? p.Chain[0].Signal : "", StringComparer.Ordinal)
            .ThenBy(p => p.EndSeconds)
            .ToList();
        var ranks = new Dictionary<FailurePatternKind, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var kind = ordered[i].Kind;
            ranks[kind] = ranks.GetValueOrDefault(kind) + 1;
            ordered[i] = ordered[i] with { Id = KindName(kind) + "-" + ranks[kind].ToString(CultureInfo.InvariantCulture) };
        }

        return ordered;
    }

    private static string KindName(FailurePatternKind kind) => kind.ToString().ToLowerInvariant();
}
