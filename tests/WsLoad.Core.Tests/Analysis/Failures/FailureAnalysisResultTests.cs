using System.Globalization;
using System.Text.Json;
using WsLoad.Analysis.Failures;
using WsLoad.Results;
using static WsLoad.Tests.Analysis.Failures.SyntheticRun;

namespace WsLoad.Tests.Analysis.Failures;

public class FailureAnalysisResultTests
{
    [Fact]
    public void The_taxonomy_counts_classes_and_summary_counters_by_kind_most_first()
    {
        var run = new SyntheticRun().Quiet(5).Build() with
        {
            ErrorsByClass = new Dictionary<string, long>
            {
                ["close-1006-reset"] = 30,
                ["connect-reset"] = 5,
                ["upgrade-rejected-503"] = 12,
                ["message-lost"] = 7,
                ["brand-new-class"] = 2,
            },
            GeneratorHealth = new GeneratorHealth { Saturated = true, SaturatedIntervals = 4 },
        };
        run = run with { Summary = run.Summary with { Messages = run.Summary.Messages with { Late = 9, Duplicated = 1, OutOfOrder = 2 } } };

        var analysis = FailureAnalysis.Analyze(run);

        Assert.Equal(
            [
                (FailureKind.ConnectionReset, 35L, TaxonomyUnits.Failures),
                (FailureKind.UpgradeRejected, 12L, TaxonomyUnits.Failures),
                (FailureKind.MessageTimeout, 9L, TaxonomyUnits.Messages),
                (FailureKind.Loss, 7L, TaxonomyUnits.Failures),
                (FailureKind.GeneratorSaturation, 4L, TaxonomyUnits.Intervals),
                (FailureKind.Order, 3L, TaxonomyUnits.Messages),
                (FailureKind.Unknown, 2L, TaxonomyUnits.Failures),
            ],
            analysis.Taxonomy.Select(k => (k.Kind, k.Count, k.Unit)));
        Assert.Equal(["close-1006-reset", "connect-reset"], analysis.Taxonomy[0].Sources.Select(s => s.Classification.Class));
        Assert.Equal(503, analysis.Taxonomy[1].Sources[0].Classification.HttpStatus);
        Assert.Equal(["brand-new-class"], analysis.UnmappedClasses);
    }

    [Fact]
    public void The_analysis_is_deterministic_and_culture_invariant()
    {
        var run = new SyntheticRun()
            .Event(9.5, "fault-plan-set")
            .Quiet(10, i => i % 3)
            .Seconds(3, (_, s) => WithErrors(s, new() { ["close-1006-reset"] = 45 }))
            .Seconds(3, (_, s) => WithErrors(s, new() { ["upgrade-rejected-503"] = 25 }))
            .Quiet(10, i => i % 2)
            .Build();

        var invariant = Serialize(FailureAnalysis.Analyze(run));
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, Serialize(FailureAnalysis.Analyze(run)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal(invariant, Serialize(FailureAnalysis.Analyze(run)));
        Assert.Equal(["burst-1", "cascade-1"], FailureAnalysis.Analyze(run).Patterns.Select(p => p.Id));
        Assert.Contains("210 failures from 10 s to 16 s", FailureAnalysis.Analyze(run).Patterns[0].Summary, StringComparison.Ordinal);
    }

    private static string Serialize(FailureAnalysisResult result) => JsonSerializer.Serialize(result, RunResultJson.Options);
}
