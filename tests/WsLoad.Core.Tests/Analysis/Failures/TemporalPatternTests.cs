using WsLoad.Analysis.Failures;
using WsLoad.Results;
using static WsLoad.Tests.Analysis.Failures.SyntheticRun;

namespace WsLoad.Tests.Analysis.Failures;

public class TemporalPatternTests
{
    [Fact]
    public void A_burst_is_found_with_its_start_end_size_and_kinds()
    {
        var run = new SyntheticRun()
            .Quiet(10, i => i % 3)
            .Seconds(5, (_, s) => WithErrors(s, new() { ["close-1006-reset"] = 40, ["close-1011"] = 10 }))
            .Quiet(15, i => i % 3)
            .Build();

        var burst = Assert.Single(FailureAnalysis.Analyze(run).Patterns);

        Assert.Equal("burst-1", burst.Id);
        Assert.Equal(FailurePatternKind.Burst, burst.Kind);
        Assert.Equal((10.0, 15.0), (burst.StartSeconds, burst.EndSeconds));
        Assert.Equal(250, burst.Size);
        Assert.Equal([FailureKind.ConnectionReset, FailureKind.ClosedServerError], burst.Kinds);
        Assert.Contains(new EvidenceFigure("peak-per-second", 50, "failures"), burst.Evidence);
        Assert.Equal(0.8, burst.Confidence);
        Assert.Null(burst.LikelyCause);
        Assert.Contains("250 failures from 10 s to 15 s", burst.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_burst_right_after_an_injected_fault_names_the_fault_as_likely_cause()
    {
        var run = new SyntheticRun()
            .Event(2, "fault-plan-set")
            .Event(19.5, "fault-plan-set")
            .Event(19.8, "fault-plan-cleared")
            .Quiet(20)
            .Seconds(3, (_, s) => WithErrors(s, new() { ["upgrade-rejected-503"] = 30 }))
            .Quiet(10)
            .Build();

        var burst = Assert.Single(FailureAnalysis.Analyze(run).Patterns);

        Assert.Equal(20, burst.StartSeconds);
        Assert.NotNull(burst.LikelyCause);
        Assert.Equal(19.5, burst.LikelyCause.Event.AtSeconds);
        Assert.Equal("fault-plan-set", burst.LikelyCause.Event.Kind);
        Assert.Equal(0.5, burst.LikelyCause.SecondsBefore);
        Assert.Contains("a fault event precedes it: +0.1", burst.ConfidenceRules);
    }

    [Fact]
    public void A_fault_long_before_a_burst_or_a_run_event_is_not_its_cause()
    {
        var run = new SyntheticRun()
            .Event(5, "fault-plan-set")
            .Event(19.9, "checkpoint", RunEventSource.Run)
            .Quiet(20)
            .Seconds(3, (_, s) => WithErrors(s, new() { ["connect-refused"] = 30 }))
            .Quiet(10)
            .Build();

        Assert.Null(Assert.Single(FailureAnalysis.Analyze(run).Patterns).LikelyCause);
    }

    public static TheoryData<string, Func<int, long>> SteadyNoise => new()
    {
        { "none", _ => 0 },
        { "0,1,2", i => i % 3 },
        { "0..3 scattered", i => i * 7 % 4 },
        { "1 every second", _ => 1 },
    };

    [Theory]
    [MemberData(nameof(SteadyNoise))]
    public void Steady_low_noise_yields_no_pattern(string name, Func<int, long> noise)
    {
        var run = new SyntheticRun()
            .Quiet(60, noise)
            .Seconds(0)
            .Build();

        Assert.True(FailureAnalysis.Analyze(run).Patterns.Count == 0, name);
    }

    [Fact]
    public void An_empty_series_yields_no_pattern_and_counts_the_run_totals()
    {
        var run = new SyntheticRun().Build() with { ErrorsByClass = new Dictionary<string, long> { ["connect-refused"] = 4 } };

        var analysis = FailureAnalysis.Analyze(run);

        Assert.Empty(analysis.Patterns);
        Assert.Equal(FailureKind.ConnectRefused, Assert.Single(analysis.Taxonomy).Kind);
    }

    [Fact]
    public void A_one_second_run_has_no_baseline_so_no_burst()
    {
        var run = new SyntheticRun().Seconds(1, (_, s) => WithErrors(s, new() { ["close-1006-reset"] = 8 })).Build();

        Assert.Empty(FailureAnalysis.Analyze(run).Patterns);
    }

    [Fact]
    public void All_seconds_failing_is_one_sustained_pattern_not_a_burst()
    {
        var run = new SyntheticRun()
            .Seconds(20, (_, s) => WithErrors(s with { ConnectsAttempted = 100, Sent = 0, Received = 0, RttP99 = null }, new() { ["connect-refused"] = 100 }))
            .Build();

        var sustained = Assert.Single(FailureAnalysis.Analyze(run).Patterns);

        Assert.Equal(FailurePatternKind.Sustained, sustained.Kind);
        Assert.Equal((0.0, 20.0), (sustained.StartSeconds, sustained.EndSeconds));
        Assert.Equal(2000, sustained.Size);
        Assert.Equal([FailureKind.ConnectRefused], sustained.Kinds);
        Assert.Equal(0.9, sustained.Confidence);
    }
}
