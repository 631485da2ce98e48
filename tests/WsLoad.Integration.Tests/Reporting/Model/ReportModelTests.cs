using HdrHistogram;
using WsLoad.Analysis;
using WsLoad.Metrics;
using WsLoad.Reporting.Model;
using WsLoad.Results;
using WsLoad.Tests.Cli;
using FindingSeverity = WsLoad.Analysis.Conclusions.FindingSeverity;
using RunConclusions = WsLoad.Analysis.Conclusions.RunConclusions;

namespace WsLoad.Tests.Reporting.Model;

/// <summary>What every full report says, from run.json: verdict, key figures, findings, recommendations, charts (the facts they rest on: RunFactsTests).</summary>
public sealed class ReportModelTests
{
    [Theory]
    [InlineData(RunStatus.Completed, VerdictKind.Passed, "all 2 threshold(s) held")]
    [InlineData(RunStatus.ThresholdsFailed, VerdictKind.Failed, "1 of 2 threshold(s) failed: connect.success > 99.99%")]
    [InlineData(RunStatus.Interrupted, VerdictKind.Interrupted, "interrupted after 53.3 s (interrupted by signal)")]
    [InlineData(RunStatus.Aborted, VerdictKind.Aborted, "aborted after 53.3 s")]
    public void The_verdict_names_the_outcome_and_why(RunStatus status, VerdictKind kind, string explanation)
    {
        var verdict = Verdict.Of(SampleRuns.Result(status));

        Assert.Equal(kind, verdict.Kind);
        Assert.Contains(explanation, verdict.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReadinessDecision.NoGo, VerdictKind.NoGo, "NO-GO")]
    [InlineData(ReadinessDecision.Inconclusive, VerdictKind.Inconclusive, "INCONCLUSIVE")]
    [InlineData(ReadinessDecision.Go, VerdictKind.Go, "GO")]
    public void Without_thresholds_the_headline_is_the_readiness_verdict_not_passed(ReadinessDecision decision, VerdictKind kind, string headline)
    {
        var result = SampleRuns.Result() with { Thresholds = [] };
        var analysis = RunAnalyzer.Analyze(result) with { Verdict = new ReadinessVerdict(decision, 0.9, [], ["throughput missed its target."], []) };

        var verdict = Verdict.Of(result, analysis);

        Assert.Equal((kind, headline), (verdict.Kind, verdict.Headline));
        Assert.Equal("The run completed. No thresholds were set, so this is the readiness verdict (confidence 90%): throughput missed its target.", verdict.Explanation);
        Assert.Equal((VerdictKind.Completed, "COMPLETED"), (Verdict.Of(result, null).Kind, Verdict.Of(result, null).Headline)); // the analysis failed
        Assert.Equal(VerdictKind.Passed, Verdict.Of(SampleRuns.Result(), analysis).Kind); // thresholds, and they held
    }

    [Fact]
    public void The_connections_table_counts_reconnects_apart_from_first_connects()
    {
        var table = DeepDiveTables.Connections(SampleRuns.DropRun());
        var row = table.Headers.Zip(table.Rows.Single()).ToDictionary(p => p.First, p => p.Second);

        Assert.Equal(("2,000", "2,000", "0", "1,000/1,000"), (row["attempted"], row["established"], row["failed"], row["reconnected"]));
        Assert.Equal("-", DeepDiveTables.Connections(SampleRuns.Result()).Rows.Single()[3]); // no reconnect policy, nothing dropped
    }

    [Fact]
    public void A_broadcasts_key_figures_are_its_fan_out_and_a_pushs_its_stream()
    {
        var sample = SampleRuns.Result();
        var broadcast = sample with
        {
            Summary = sample.Summary with
            {
                Fanout = new FanoutSummary { Due = 100, Delivered = 99, Missing = 1, ReachPercent = 99, LatencyMs = new LatencySummary { Count = 99, P50 = 1, P99 = 4, P999 = 9 } },
            },
        };
        var push = sample with { Summary = sample.Summary with { Push = new PushSummary { Received = 90, Gaps = 10, DeliveredPercent = 90 } } };

        var fanout = KeyFigure.Of(broadcast).ToDictionary(f => f.Metric);
        var stream = KeyFigure.Of(push).ToDictionary(f => f.Metric);

        Assert.Equal(("99%", "4 ms"), (fanout["fanout.reach"].Display, fanout["fanout.p99"].Display));
        Assert.DoesNotContain("rtt.p99", fanout.Keys);
        Assert.Equal(("10", "90%"), (stream["push.gaps"].Display, stream["push.delivered"].Display));
        Assert.DoesNotContain("rtt.p99", stream.Keys);
    }

    [Fact]
    public void Key_figures_carry_the_thresholds_on_their_metric_and_show_a_dash_without_data()
    {
        var figures = KeyFigure.Of(SampleRuns.Result(RunStatus.ThresholdsFailed)).ToDictionary(f => f.Metric);

        Assert.Equal(("rtt.p99 < 500ms", FigureStatus.Met, "12.34 ms"), (figures["rtt.p99"].Target, figures["rtt.p99"].Status, figures["rtt.p99"].Display));
        Assert.Equal(("connect.success > 99.99%", FigureStatus.Missed, "99.98%"), (figures["connect.success"].Target, figures["connect.success"].Status, figures["connect.success"].Display));
        Assert.Equal((null, FigureStatus.NoTarget), (figures["throughput"].Target, figures["throughput"].Status));
        Assert.Equal(("-", null), (figures["response.p999"].Display, figures["response.p999"].Value)); // no response times in the fixture
    }

    [Fact]
    public void Findings_put_problems_first_and_name_the_error_classes()
    {
        var result = SampleRuns.Result() with { ErrorsByClass = new Dictionary<string, long> { ["connect-refused"] = 2, ["close-1006"] = 3 } };

        var findings = Findings(result);

        Assert.Equal(FindingSeverity.Problem, findings[0].Severity);
        Assert.Contains(findings, f => f.Text == "2 of 10,000 connections failed to open (0.02%): connect-refused × 2.");
        Assert.Contains(findings, f => f.Text == "3 open connection(s) were dropped during the run: close-1006 × 3.");
        Assert.Equal(findings.OrderBy(f => f.Severity).ToList(), findings);
    }

    [Fact]
    public void Late_sends_are_a_finding_when_response_time_far_exceeds_service_time()
    {
        var result = SampleRuns.Result() with
        {
            Summary = SampleRuns.Result().Summary with
            {
                LatencyMs = SampleRuns.Result().Summary.LatencyMs with { Response = new LatencySummary { Count = 299_900, P999 = 950 } },
            },
        };

        var findings = Findings(result);

        Assert.Contains(findings, f => f.Severity == FindingSeverity.Warning && f.Text.StartsWith("Response time p99.9 (950 ms) is 20.8× the service time's", StringComparison.Ordinal));
    }

    [Fact]
    public void Retries_are_a_finding_and_explain_a_long_response_time()
    {
        var sample = SampleRuns.Result();
        var result = sample with
        {
            Summary = sample.Summary with
            {
                LatencyMs = sample.Summary.LatencyMs with { Response = new LatencySummary { Count = 299_900, P999 = 950 } },
                Retry = new RetrySummary { AfterMs = 500, Backoff = 2, MaxRetries = 3, Retransmissions = 70, MessagesRetried = 64, MessagesRecovered = 63, DuplicateAnswers = 2, GaveUp = 1 },
            },
        };

        var findings = Findings(result);

        Assert.Contains(findings, f => f.Severity == FindingSeverity.Warning && f.Text.StartsWith(
            "64 message(s) had no answer after 500 ms and were sent again (70 retries): 63 were answered in the end, 1 given up; 2 answer(s) came twice", StringComparison.Ordinal));
        var response = Assert.Single(findings, f => f.Text.StartsWith("Response time p99.9", StringComparison.Ordinal));
        Assert.Contains("64 message(s) were answered only after a retry", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("later than planned", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_open_files_recommends_raising_the_limit_with_the_limit_as_evidence()
    {
        var result = SampleRuns.Result() with
        {
            ErrorsByClass = new Dictionary<string, long> { ["connect-too-many-files"] = 1_234 },
            Environment = new RunEnvironment { OpenFileLimit = 1_024 },
        };

        var steps = Recommendations(result);

        var step = Assert.Single(steps, s => s.Action.StartsWith("Raise the open-file limit", StringComparison.Ordinal));
        Assert.Equal("1,234 connection(s) failed with 'too many open files'; the generator's limit was 1,024.", step.Evidence);
    }

    [Fact]
    public void A_clean_run_without_thresholds_is_advised_to_add_them_and_step_up_the_load()
    {
        var clean = SampleRuns.Result() with
        {
            Thresholds = [],
            ErrorsByClass = new Dictionary<string, long>(),
            Summary = SampleRuns.Result().Summary with
            {
                Connections = new ConnectionSummary { Attempted = 100, Established = 100, Peak = 100 },
                Messages = new MessageSummary { Sent = 1_000, Received = 1_000 },
            },
        };

        var step = Assert.Single(Recommendations(clean));

        Assert.StartsWith("Add thresholds", step.Action, StringComparison.Ordinal);
    }

    [Fact]
    public void The_spectrum_chart_reads_the_stored_histogram_in_ms_with_rising_percentiles_below_100()
    {
        var histogram = new LongHistogram(3_600_000_000, 3);
        for (var micros = 1; micros <= 10_000; micros++)
        {
            histogram.RecordValue(micros); // 1 µs .. 10 ms, evenly
        }

        var result = WithSeries([]) with { Histograms = new Dictionary<string, string> { ["rtt"] = HistogramCodec.Encode(histogram) } };

        var spectrum = Assert.Single(ReportCharts.Of(result), c => c.Id == "spectrum");
        var line = Assert.Single(spectrum.Series);
        Assert.Equal(ChartAxis.PercentileLog, spectrum.XAxis);
        Assert.True(line.X.Zip(line.X.Skip(1)).All(p => p.First < p.Second), "percentiles rise");
        Assert.True(line.X[^1] < 100);
        Assert.InRange(line.Y[line.X.ToList().FindIndex(x => x >= 50)]!.Value, 4.9, 5.1); // the median of 1..10,000 µs is 5 ms
        Assert.Equal(10, line.Y[^1]!.Value, 0.1);
        Assert.Contains(spectrum.Lines, l => l.Label == "rtt.p99 < 500ms" && l.Y == 500); // from the scenario's thresholds
    }

    [Fact]
    public void The_errors_chart_has_one_series_per_class_and_zeros_without_errors()
    {
        var withErrors = WithSeries(
        [
            Second(1, rttP99: 1) with { ErrorsByClass = new Dictionary<string, long> { ["close-1011"] = 4 } },
            Second(2, rttP99: 1) with { ErrorsByClass = new Dictionary<string, long> { ["connect-refused"] = 1 } },
        ]);

        var errors = Assert.Single(ReportCharts.Of(withErrors), c => c.Id == "errors");
        Assert.Equal(["close-1011", "connect-refused"], errors.Series.Select(s => s.Name));
        Assert.Equal([4, 0], errors.Series[0].Y);

        var none = Assert.Single(ReportCharts.Of(WithSeries([Second(1, rttP99: 1)])), c => c.Id == "errors");
        Assert.Equal([0], Assert.Single(none.Series).Y);
    }

    private static IReadOnlyList<Finding> Findings(RunResult result) => Finding.Of(RunConclusions.Of(result).Findings);

    private static IReadOnlyList<Recommendation> Recommendations(RunResult result) => Recommendation.Of(RunConclusions.Of(result).NextSteps);

    private static RunResult WithSeries(IReadOnlyList<IntervalSample> series) =>
        SampleRuns.Result() with { Series = series, Scenario = SampleRuns.Scenario() with { Thresholds = ["rtt.p99 < 500ms"] } };

    private static IntervalSample Second(int at, double rttP99) => new()
    {
        AtSeconds = at,
        OpenConnections = 100,
        Received = 1_000,
        Sent = 1_000,
        RttP99 = rttP99,
    };
}
