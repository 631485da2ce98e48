using WsLoad.Checkpoints;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Checkpoints;

/// <summary>Thresholds with abortOnFail become abort checkpoints over the run so far, the threshold turned round.</summary>
public class ThresholdAbortTests
{
    [Fact]
    public void A_threshold_with_abort_on_fail_is_kept_as_a_threshold_and_becomes_an_abort_checkpoint()
    {
        var scenario = ScenarioLoader.Parse("""
            target: { url: "ws://127.0.0.1:1/ws" }
            thresholds:
              - "connect.success > 99%"
              - { threshold: "rtt.p99 < 200ms", abortOnFail: true, delayAbortEval: 10s }
            """);

        Assert.Equal(["connect.success > 99%", "rtt.p99 < 200ms"], scenario.Thresholds);
        var checkpoint = Assert.Single(scenario.Checkpoints);
        Assert.Equal(("rtt.p99 >= 200ms", CheckpointAction.Abort, TimeSpan.FromSeconds(10)), (checkpoint.When, checkpoint.Action, checkpoint.After));
        Assert.Equal("threshold rtt.p99 < 200ms (abortOnFail)", checkpoint.DisplayName);
        Assert.Null(CheckpointCondition.Parse(checkpoint.When).WindowSeconds); // the run so far, as the threshold judges it
    }

    [Theory]
    [InlineData("errors.rate < 1%", "errors.rate >= 1%")]
    [InlineData("connect.success >= 99.9%", "connect.success < 99.9%")]
    [InlineData("throughput > 1000/s", "throughput <= 1000/s")]
    [InlineData("connections.dropped <= 5", "connections.dropped > 5")]
    public void Each_comparison_is_turned_round(string threshold, string failsWhen)
    {
        Assert.True(ThresholdAbort.TryCreate(threshold, TimeSpan.Zero, out var checkpoint, out var error), error);
        Assert.Equal(failsWhen, checkpoint.When);
    }

    [Theory]
    [InlineData("fanout.reach >= 99%", "is known only at the end of the run")]
    [InlineData("rtt.p99{phase:hold} < 10ms", "drop {phase:hold}")]
    [InlineData("messages.lost == 0", "known only at the end")]
    [InlineData("messages.sent == 100", "cannot turn '==' round")]
    public void A_threshold_that_cannot_be_judged_live_is_refused_with_why(string threshold, string expected)
    {
        Assert.False(ThresholdAbort.TryCreate(threshold, TimeSpan.Zero, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Abort_on_fail_on_a_metric_known_only_at_the_end_is_an_error_at_its_line()
    {
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""
            target: { url: "ws://127.0.0.1:1/ws" }
            thresholds:
              - { threshold: "availability > 99%", abortOnFail: true }
            """)).Errors);

        Assert.Equal((3, "thresholds[0].abortOnFail"), (error.Line, error.Field));
        Assert.Contains("availability is known only at the end of the run", error.Message, StringComparison.Ordinal);
    }
}
