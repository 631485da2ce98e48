using WsLoad.Analysis.Failures;
using static WsLoad.Tests.Analysis.Failures.SyntheticRun;

namespace WsLoad.Tests.Analysis.Failures;

public class ChainPatternTests
{
    [Fact]
    public void A_drop_storm_then_reconnects_then_503s_is_one_cascade_in_order_with_its_delays()
    {
        var run = new SyntheticRun()
            .Quiet(10)
            .Seconds(3, (_, s) => WithErrors(s, new() { ["close-1006-reset"] = 40 }))
            .Seconds(2, (i, s) => s with { ConnectsAttempted = 60 })
            .Seconds(3, (i, s) => WithErrors(s with { ConnectsAttempted = i == 14 ? 60 : 0 }, new() { ["upgrade-rejected-503"] = 30 }))
            .Quiet(20)
            .Build();

        var cascade = Assert.Single(FailureAnalysis.Analyze(run).Patterns, p => p.Kind == FailurePatternKind.Cascade);

        Assert.Equal(
            [("connection-reset", 10.0, 0.0), (ChainSignals.ReconnectSurge, 13.0, 3.0), ("upgrade-rejected", 15.0, 2.0)],
            cascade.Chain.Select(l => (l.Signal, l.StartSeconds, l.DelaySeconds)));
        Assert.Equal("upgrade-rejected-503", cascade.Chain[2].TopClass);
        Assert.Equal((10.0, 18.0), (cascade.StartSeconds, cascade.EndSeconds));
        Assert.Equal(120 + 90, cascade.Size);
        Assert.Equal(0.65, cascade.Confidence);
        Assert.Contains("close-1006-reset at 10 s -> reconnect-surge at 13 s (+3 s) -> upgrade-rejected-503 at 15 s (+2 s)", cascade.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Rises_further_apart_than_the_window_are_not_a_cascade()
    {
        var run = new SyntheticRun()
            .Quiet(10)
            .Seconds(2, (_, s) => WithErrors(s, new() { ["close-1006-reset"] = 40 }))
            .Quiet(15)
            .Seconds(2, (_, s) => WithErrors(s, new() { ["upgrade-rejected-503"] = 30 }))
            .Quiet(10)
            .Build();

        var patterns = FailureAnalysis.Analyze(run).Patterns;

        Assert.DoesNotContain(patterns, p => p.Kind == FailurePatternKind.Cascade);
        Assert.Equal(["burst-1", "burst-2"], patterns.Select(p => p.Id));
    }

    [Fact]
    public void Rtt_rising_then_replies_missing_before_drops_is_a_sequence()
    {
        var run = new SyntheticRun()
            .Seconds(20, (i, s) => s with { RttP99 = 10 + (i % 3) })
            .Seconds(3, (_, s) => s with { RttP99 = 200 })
            .Seconds(3, (_, s) => s with { RttP99 = 400, Received = 500 })
            .Seconds(2, (_, s) => WithErrors(s with { RttP99 = null, Received = 0 }, new() { ["close-1006-reset"] = 80 }))
            .Seconds(10, (i, s) => s with { RttP99 = 10 + (i % 3) })
            .Build();

        var sequence = Assert.Single(FailureAnalysis.Analyze(run).Patterns, p => p.Kind == FailurePatternKind.Sequence);

        Assert.Equal(
            [(ChainSignals.RttP99Rise, 20.0, 0.0), (ChainSignals.ReplyShortfall, 23.0, 3.0), (ChainSignals.Drops, 26.0, 3.0)],
            sequence.Chain.Select(l => (l.Signal, l.StartSeconds, l.DelaySeconds)));
        Assert.Equal(400, sequence.Chain[0].Peak);
        Assert.Equal(11, sequence.Chain[0].Baseline);
        Assert.Equal("close-1006-reset", sequence.Chain[2].TopClass);
        Assert.Equal(160, sequence.Size);
        Assert.Equal((20.0, 28.0), (sequence.StartSeconds, sequence.EndSeconds));
        Assert.Equal(0.8, sequence.Confidence);
    }

    [Fact]
    public void Drops_out_of_the_blue_have_no_sequence()
    {
        var run = new SyntheticRun()
            .Seconds(20, (i, s) => s with { RttP99 = 10 + (i % 3) })
            .Seconds(2, (_, s) => WithErrors(s, new() { ["close-1006-reset"] = 80 }))
            .Quiet(10)
            .Build();

        var patterns = FailureAnalysis.Analyze(run).Patterns;

        Assert.DoesNotContain(patterns, p => p.Kind == FailurePatternKind.Sequence);
        Assert.Single(patterns, p => p.Kind == FailurePatternKind.Burst);
    }

    [Fact]
    public void A_cascade_after_an_injected_fault_names_it()
    {
        var run = new SyntheticRun()
            .Event(9.2, "server-stalled")
            .Quiet(10)
            .Seconds(2, (_, s) => WithErrors(s, new() { ["close-1006-timeout"] = 40 }))
            .Seconds(2, (_, s) => WithErrors(s, new() { ["close-1013"] = 40 }))
            .Quiet(10)
            .Build();

        var cascade = Assert.Single(FailureAnalysis.Analyze(run).Patterns, p => p.Kind == FailurePatternKind.Cascade);

        Assert.Equal("server-stalled", cascade.LikelyCause?.Event.Kind);
        Assert.Equal(["connection-timeout", "closed-try-again-later"], cascade.Chain.Select(l => l.Signal));
    }
}
