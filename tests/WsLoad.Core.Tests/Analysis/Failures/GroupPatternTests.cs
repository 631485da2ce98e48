using WsLoad.Analysis.Failures;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Analysis.Failures;

public class GroupPatternTests
{
    private static readonly Scenario SteppedRamp = new()
    {
        Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/") },
        Connections = new ConnectionOptions
        {
            Count = 100,
            Ramp = new RampOptions { Strategy = RampStrategy.Stepped, Steps = 5, Plateau = TimeSpan.FromSeconds(2) },
            SourceAddresses = ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"],
        },
    };

    [Fact]
    public void One_ramp_cohort_failing_alone_is_a_group_pattern()
    {
        var run = new SyntheticRun { Scenario = SteppedRamp }.Quiet(30).Failure(3.2, "close-1006-reset", 7);
        for (var connection = 40; connection < 55; connection++)
        {
            run.Failure(5.5 + ((connection - 40) * 0.1), "close-1011", connection);
        }

        var group = Assert.Single(FailureAnalysis.Analyze(run.Build()).Patterns);

        Assert.Equal(FailurePatternKind.Group, group.Kind);
        Assert.Equal(new FailureGroup(Groupings.RampCohort, "step-3"), group.Group);
        Assert.Equal(15, group.Size);
        Assert.Equal([FailureKind.ClosedServerError], group.Kinds);
        Assert.Contains(new EvidenceFigure("group-share", 0.75, "ratio"), group.Evidence);
        Assert.Contains(new EvidenceFigure("others-share", 0.0125, "ratio"), group.Evidence);
        Assert.Equal((5.0, 7.0), (group.StartSeconds, group.EndSeconds));
        Assert.Equal(0.7, group.Confidence);
    }

    [Fact]
    public void One_source_address_failing_alone_is_a_group_pattern_and_its_confidence_drops_when_events_were_capped()
    {
        var run = new SyntheticRun { Scenario = SteppedRamp, FailureEventsDropped = 500 }.Quiet(30);
        for (var connection = 1; connection < 100; connection += 4)
        {
            run.Failure(10, "connect-address-in-use", connection);
        }

        var group = Assert.Single(FailureAnalysis.Analyze(run.Build()).Patterns);

        Assert.Equal(new FailureGroup(Groupings.SourceAddress, "127.0.0.2"), group.Group);
        Assert.Equal(25, group.Size);
        Assert.Equal([FailureKind.PortExhaustion], group.Kinds);
        Assert.Equal(0.6, group.Confidence);
    }

    [Fact]
    public void Failures_spread_over_every_cohort_are_no_group_pattern()
    {
        var run = new SyntheticRun { Scenario = SteppedRamp }.Quiet(30);
        for (var connection = 0; connection < 100; connection += 3)
        {
            run.Failure(10, "close-1006-reset", connection);
        }

        Assert.Empty(FailureAnalysis.Analyze(run.Build()).Patterns);
    }

    [Fact]
    public void One_message_type_losing_replies_alone_is_a_group_pattern()
    {
        var run = new SyntheticRun().Quiet(30);
        run.MessageTypes["chat"] = new MessageTypeSummary { Sent = 10_000, Received = 9_998 };
        run.MessageTypes["bulk"] = new MessageTypeSummary { Sent = 1_000, Received = 700 };

        var group = Assert.Single(FailureAnalysis.Analyze(run.Build()).Patterns);

        Assert.Equal(new FailureGroup(Groupings.MessageType, "bulk"), group.Group);
        Assert.Equal(300, group.Size);
        Assert.Equal([FailureKind.Loss], group.Kinds);
    }

    [Fact]
    public void Message_types_are_not_compared_when_no_reply_is_expected()
    {
        var run = new SyntheticRun { Scenario = SteppedRamp with { Messages = new MessageOptions { Expect = ExpectMode.None } } }.Quiet(30);
        run.MessageTypes["chat"] = new MessageTypeSummary { Sent = 10_000 };
        run.MessageTypes["bulk"] = new MessageTypeSummary { Sent = 1_000 };

        Assert.Empty(FailureAnalysis.Analyze(run.Build()).Patterns);
    }
}
