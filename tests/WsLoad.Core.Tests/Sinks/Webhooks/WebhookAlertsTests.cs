using WsLoad.Analysis;
using WsLoad.Checkpoints;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Sinks;
using WsLoad.Sinks.Webhooks;

namespace WsLoad.Tests.Sinks.Webhooks;

/// <summary>What the start, breach, checkpoint and end messages say, from a recorded run and synthetic seconds.</summary>
public sealed class WebhookAlertsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 4, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_start_names_the_scenario_the_target_host_only_and_the_plan()
    {
        var result = await Fixture();
        var scenario = result.Scenario with { Target = result.Scenario.Target with { Url = new Uri("ws://127.0.0.1:36135/ws/SECRETPATH?token=SECRETQUERY") } };
        var run = new LiveRun("chat", scenario);

        var alert = WebhookAlerts.Started(run, Now);

        Assert.Equal(WebhookEvent.RunStarted, alert.Event);
        Assert.Equal("WsLoad: chat started", alert.Title);
        Assert.Contains("against 127.0.0.1:36135: up to 2,000 connections", alert.Message, StringComparison.Ordinal);
        Assert.Equal(run.PeakConnections, alert.Figures.Single(f => f.Key == "plannedConnections").Number);
        var everything = alert.Message + string.Join(" ", alert.Figures.Select(f => f.Display));
        Assert.DoesNotContain("SECRET", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_end_carries_the_verdict_the_status_the_key_figures_and_the_report()
    {
        var recorded = await Fixture();
        var result = recorded with
        {
            Thresholds = [new ThresholdResult { Expression = "rtt.p99 < 200ms", Passed = true }, new ThresholdResult { Expression = "errors.rate < 1%", Passed = false }],
        };
        result = result with { Analysis = RunAnalyzer.Analyze(result) };

        var alert = WebhookAlerts.Ended(new LiveRun("chat", result.Scenario), result, "/tmp/out/report.html", Now);

        var verdict = result.Analysis.Verdict.Decision switch { ReadinessDecision.Go => "GO", ReadinessDecision.NoGo => "NO-GO", _ => "INCONCLUSIVE" };
        Assert.Equal(WebhookEvent.RunEnded, alert.Event);
        Assert.Equal(verdict, alert.Verdict);
        Assert.Equal("completed", alert.Status);
        Assert.Equal($"WsLoad: chat ended: {verdict}", alert.Title);
        double? Figure(string key) => alert.Figures.Single(f => f.Key == key).Number;
        Assert.Equal(result.Summary.Connections.Peak, Figure("peakConnections"));
        Assert.Equal(result.Summary.Messages.Sent, Figure("messagesSent"));
        Assert.Equal(result.Summary.Messages.Received, Figure("messagesReceived"));
        Assert.Equal(result.Phases["hold"].Rtt!.P99, Figure("rttP99Ms")); // the steady state, as the summary leads with it
        Assert.Equal("RTT p99 (hold)", alert.Figures.Single(f => f.Key == "rttP99Ms").Label);
        Assert.Equal(result.ErrorsByClass.Values.Sum(), Figure("errors"));
        Assert.Equal((1, 1), (Figure("thresholdsPassed"), Figure("thresholdsFailed")));
        Assert.Equal("1 of 2", alert.Figures.Single(f => f.Key == "thresholdsPassed").Display);
        Assert.Equal("/tmp/out/report.html", alert.Figures.Single(f => f.Key == "report").Display);
    }

    [Fact]
    public async Task A_threshold_watched_live_alerts_when_it_starts_to_fail_with_its_reading()
    {
        var watch = ThresholdAbort.Watch("messages.sent < 250");
        Assert.NotNull(watch);
        Assert.Equal(CheckpointAction.Mark, watch.Action);
        var judge = new CheckpointJudge([watch]);
        var transitions = Enumerable.Range(1, 4).SelectMany(s => judge.Judge(Second(s, sent: 100))).ToList();

        var transition = Assert.Single(transitions); // 300 sent by the 3rd second: the run so far fails it
        var alert = WebhookAlerts.Threshold(new LiveRun("chat", (await Fixture()).Scenario), transition, Now);

        Assert.Equal(WebhookEvent.ThresholdBreached, alert.Event);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal("WsLoad: chat: threshold messages.sent < 250 failing", alert.Title);
        Assert.Equal("At 3 s into the run, the run so far fails 'messages.sent < 250' (messages.sent = 300).", alert.Message);
        Assert.Equal(300, alert.Figures.Single(f => f.Key == "value").Number);
    }

    [Theory]
    [InlineData("rtt.p99{phase:hold} < 200ms")]
    [InlineData("connections.peak >= 100")]
    [InlineData("messages.sent == 10")]
    public void A_threshold_not_judged_live_is_not_watched(string threshold) => Assert.Null(ThresholdAbort.Watch(threshold));

    [Theory]
    [InlineData(12.34, "12.3 s")]
    [InlineData(90, "1m 30s")]
    [InlineData(120, "2m")]
    [InlineData(3900, "1h 5m")]
    public void Durations_read_as_a_person_says_them(double seconds, string expected) => Assert.Equal(expected, WebhookAlerts.Duration(seconds));

    private static IntervalSnapshot Second(int second, long sent) => new()
    {
        Index = second - 1,
        StartSeconds = second - 1,
        EndSeconds = second,
        Counters = new SnapshotCounters { Sent = sent },
    };

    private static Task<RunResult> Fixture() =>
        RunResultJson.ReadAsync(Path.Combine(AppContext.BaseDirectory, "Analysis", "Fixtures", "server-drop-reconnect.run.json"));
}
