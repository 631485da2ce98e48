using System.Globalization;
using WsLoad.Reporting.Comparison;

namespace WsLoad.Tests.Reporting.Comparison;

/// <summary>Two synthetic runs compared figure by figure, and the three renderings of the comparison.</summary>
public sealed class RunComparisonTests
{
    /// <summary>Base: 10,000 rtt samples; new: the same distribution with 3% of the samples at 30 ms (a p99 regression).</summary>
    private static RunComparison PlantedP99Regression()
    {
        var slow = SyntheticRuns.LogNormal(9_700, seed: 2);
        slow.RecordValueWithCount(30_000, 300);
        return RunComparison.Create(SyntheticRuns.Run("base.json", SyntheticRuns.LogNormal(10_000, seed: 1)), SyntheticRuns.Run("new.json", slow));
    }

    private static FigureComparison Row(RunComparison comparison, string name) => comparison.Figures.Single(f => f.Name == name);

    [Fact]
    public void A_planted_p99_regression_is_flagged_and_the_median_is_not()
    {
        var comparison = PlantedP99Regression();

        Assert.True(comparison.HasRegression);
        Assert.Equal(ChangeVerdict.Regression, Row(comparison, "rtt p99 (whole run)").Verdict);
        Assert.Equal(ChangeVerdict.WithinNoise, Row(comparison, "rtt p50 (whole run)").Verdict);
        Assert.Equal(["rtt p99 (whole run)", "rtt p99.9 (whole run)"], comparison.Regressions.Select(f => f.Name));
    }

    [Fact]
    public void Two_samples_of_the_same_load_flag_nothing()
    {
        var comparison = RunComparison.Create(
            SyntheticRuns.Run("a.json", SyntheticRuns.LogNormal(10_000, seed: 1)), SyntheticRuns.Run("b.json", SyntheticRuns.LogNormal(10_000, seed: 2)));

        Assert.False(comparison.HasRegression);
        Assert.All(comparison.Figures, f => Assert.Equal(ChangeVerdict.WithinNoise, f.Verdict));
    }

    [Fact]
    public void Figures_without_data_in_either_run_are_left_out_and_the_others_keep_their_order()
    {
        var comparison = PlantedP99Regression();

        Assert.DoesNotContain(comparison.Figures, f => f.Name.StartsWith("response", StringComparison.Ordinal)); // the fixture has no response time
        Assert.Equal(
            [
                "throughput (whole run)", "rtt p50 (whole run)", "rtt p90 (whole run)", "rtt p99 (whole run)", "rtt p99.9 (whole run)",
                "connections established", "connections peak", "connect success", "connect rate", "connect p50", "connect p99", "errors", "error rate", "messages lost",
            ],
            comparison.Figures.Select(f => f.Name));
        Assert.Null(Row(comparison, "connect p50").BaseInterval); // the fixture stores no connect histogram: threshold only
        Assert.NotNull(Row(comparison, "rtt p50 (whole run)").BaseInterval);
    }

    [Fact]
    public void Errors_are_counted_as_the_errors_rate_threshold_counts_them()
    {
        var comparison = PlantedP99Regression();

        // Fixture: 2 failed + 3 dropped + 40 lost + 0 corrupted, of 10,000 attempts + 299,940 sent.
        Assert.Equal(45, Row(comparison, "errors").Base);
        Assert.Equal(100.0 * 45 / 309_940, Row(comparison, "error rate").Base!.Value, 1e-9);
        Assert.InRange(45, Row(comparison, "errors").BaseInterval!.Value.Low, Row(comparison, "errors").BaseInterval!.Value.High);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void The_console_table_is_aligned_in_the_invariant_culture_and_ends_with_the_verdict(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var lines = ComparisonText.Render(PlantedP99Regression()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

            var header = lines.Single(l => l.StartsWith("figure", StringComparison.Ordinal));
            var p99 = lines.Single(l => l.StartsWith("rtt p99 (whole run) ", StringComparison.Ordinal));
            Assert.Equal(header.IndexOf("verdict", StringComparison.Ordinal), p99.IndexOf("REGRESSION", StringComparison.Ordinal));
            Assert.Contains("9,998", lines.Single(l => l.StartsWith("connections established", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Matches(@"^compare: REGRESSION: rtt p99 \(whole run\) \+[0-9,]+\.[0-9]% \([0-9.]+ ms -> 30\.0[0-9]* ms\)", lines[^1]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Markdown_has_a_github_table_with_the_intervals_and_the_regression_in_bold()
    {
        var markdown = ComparisonMarkdown.Render(PlantedP99Regression());

        Assert.StartsWith("# wsload compare: REGRESSION\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| figure | base | new | change | relative | verdict | base 95% interval | new 95% interval |\n|---|---:|", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| rtt p99 \(whole run\) \| [0-9.]+ ms \| [0-9.]+ ms \| \+[0-9.]+ ms \| \+[0-9,.]+% \| \*\*REGRESSION\*\* \| [0-9.]+–[0-9.]+ ms \| [0-9.]+–[0-9.]+ ms \|", markdown);
        Assert.Contains("| rtt p50 (whole run) |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_one_self_contained_page_with_the_rows_marked_by_verdict()
    {
        var html = ComparisonHtml.Render(PlantedP99Regression());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"regression\"><td>rtt p99 (whole run)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"same\"><td>rtt p50 (whole run)</td>", html, StringComparison.Ordinal);
        Assert.Contains("base.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_holds_figures_lead_and_a_hold_p99_regression_is_flagged_with_intervals_from_its_percentiles()
    {
        var baseResult = WsLoad.Tests.Cli.SampleRuns.WithHoldAndEnds(WsLoad.Tests.Cli.SampleRuns.Result());
        var hold = baseResult.Phases["hold"];
        var slower = hold with { Rtt = hold.Rtt! with { P99 = 30, P999 = 60 } };
        var newResult = baseResult with { Phases = new Dictionary<string, WsLoad.Results.PhaseSummary>(baseResult.Phases) { ["hold"] = slower } };

        var comparison = RunComparison.Create(ComparedRun.From("base.json", baseResult), ComparedRun.From("new.json", newResult));

        Assert.Equal(
            ["throughput (hold)", "rtt p50 (hold)", "rtt p90 (hold)", "rtt p99 (hold)", "rtt p99.9 (hold)", "throughput (whole run)", "rtt p50 (whole run)"],
            comparison.Figures.Take(7).Select(f => f.Name));
        Assert.Equal(["rtt p99 (hold)", "rtt p99.9 (hold)"], comparison.Regressions.Select(f => f.Name));
        Assert.Equal(ChangeVerdict.WithinNoise, Row(comparison, "rtt p99 (whole run)").Verdict);
        var interval = Row(comparison, "rtt p99 (hold)").BaseInterval!.Value;
        Assert.InRange(8.625, interval.Low, interval.High);
        Assert.StartsWith("compare: REGRESSION: rtt p99 (hold) +", ComparisonText.Render(comparison).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_hold_change_within_the_holds_own_second_to_second_range_is_noise()
    {
        var baseResult = WsLoad.Tests.Cli.SampleRuns.WithHoldAndEnds(WsLoad.Tests.Cli.SampleRuns.Result()) with
        {
            Series = [.. new[] { 8.625, 30, 9 }.Select((p99, i) => new WsLoad.Results.IntervalSample { AtSeconds = 21 + i, Phase = "hold", RttP99 = p99 })],
        };
        var hold = baseResult.Phases["hold"];
        var newResult = baseResult with
        {
            Phases = new Dictionary<string, WsLoad.Results.PhaseSummary>(baseResult.Phases) { ["hold"] = hold with { Rtt = hold.Rtt! with { P99 = 25 } } },
        };

        var comparison = RunComparison.Create(ComparedRun.From("base.json", baseResult), ComparedRun.From("new.json", newResult));

        Assert.Equal(ChangeVerdict.WithinNoise, Row(comparison, "rtt p99 (hold)").Verdict);
        Assert.Equal(30, Row(comparison, "rtt p99 (hold)").BaseInterval!.Value.High);
    }

    [Theory]
    [InlineData(100, 0.99)]
    [InlineData(299_895, 0.5)]
    [InlineData(299_895, 0.999)]
    public void A_percentile_read_from_a_summary_lies_inside_its_interval_and_the_interval_narrows_with_more_samples(long count, double quantile)
    {
        var summary = new WsLoad.Results.LatencySummary { Count = count, P50 = 1, P90 = 2, P95 = 3, P99 = 8, P999 = 20, Max = 100 };
        var value = quantile switch { 0.5 => 1, 0.99 => 8, _ => 20 };

        var interval = SummaryQuantileInterval.Of(summary, quantile)!.Value;
        var wider = SummaryQuantileInterval.Of(summary with { Count = count / 10 }, quantile)!.Value;

        Assert.InRange(value, interval.Low, interval.High);
        Assert.True(wider.High - wider.Low > interval.High - interval.Low);
        Assert.Null(SummaryQuantileInterval.Of(summary with { Count = 0 }, quantile));
    }

    [Fact]
    public void A_corrupt_histogram_is_reported_by_name()
    {
        var result = WsLoad.Tests.Cli.SampleRuns.Result() with { Histograms = new Dictionary<string, string> { ["rtt"] = "bm90IGEgaGlzdG9ncmFt" } };

        var error = Assert.Throws<InvalidDataException>(() => ComparedRun.From("x.json", result));

        Assert.Contains("histogram 'rtt'", error.Message, StringComparison.Ordinal);
    }
}
