using WsLoad.Checkpoints;
using WsLoad.Thresholds;

namespace WsLoad.Tests.Checkpoints;

public class CheckpointConditionTests
{
    [Fact]
    public void A_windowed_percentile_with_a_for_duration_parses_into_its_parts()
    {
        var condition = CheckpointCondition.Parse("rtt.p99[10s] > 500ms for 5s");

        Assert.Equal("rtt.p99", condition.Metric);
        Assert.Equal(10, condition.WindowSeconds);
        Assert.Equal(ThresholdOperator.GreaterThan, condition.Operator);
        Assert.Equal(500, condition.Value);
        Assert.Equal(5, condition.ForSeconds);
    }

    [Theory]
    [InlineData("errors.rate[30s] > 1%", "errors.rate", 30, 1.0, 1)]
    [InlineData("connections.dropped > 100", "connections.dropped", null, 100.0, 1)]
    [InlineData("rtt.p50[1m] >= 1.5s", "rtt.p50", 60, 1500.0, 1)]
    [InlineData("throughput[10s] < 1000/s for 3s", "throughput", 10, 1000.0, 3)]
    [InlineData("connect.success[5s]<99%", "connect.success", 5, 99.0, 1)]
    public void The_issues_forms_parse(string text, string metric, int? window, double value, int forSeconds)
    {
        Assert.True(CheckpointCondition.TryParse(text, out var condition, out var error), error);
        Assert.Equal((metric, window, value, forSeconds), (condition.Metric, condition.WindowSeconds, condition.Value, condition.ForSeconds));
    }

    [Fact]
    public void A_flag_takes_no_comparison_and_is_met_when_set()
    {
        var condition = CheckpointCondition.Parse("generator.saturated for 3s");

        Assert.Null(condition.Operator);
        Assert.Equal(3, condition.ForSeconds);
        Assert.True(condition.IsMetBy(1));
        Assert.False(condition.IsMetBy(0));
    }

    [Theory]
    [InlineData("rtt.p98[10s] > 5ms", "unknown live metric 'rtt.p98'")]
    [InlineData("rtt.p99[10x] > 5ms", "the window '10x' is not a duration; write whole seconds such as 10s")]
    [InlineData("rtt.p99[1500ms] > 5ms", "must be whole seconds from 1s to 5m")]
    [InlineData("rtt.p99[10m] > 5ms", "must be whole seconds from 1s to 5m")]
    [InlineData("rtt.p99[10s] > 5%", "'5%' is a percentage but this metric is a time")]
    [InlineData("rtt.p99[10s]", "rtt.p99 needs a comparison, e.g. 'rtt.p99[10s] > 500ms'")]
    [InlineData("generator.saturated > 1", "generator.saturated is a flag, set or not: it takes no comparison")]
    [InlineData("connections.open[10s] > 5", "connections.open is the open count at the newest second: it takes no window")]
    [InlineData("rtt.p99[10s] > 5ms for ever", "'for' 'ever' is not a duration")]
    [InlineData("rtt.p99 is slow", "is not a checkpoint condition; expected 'metric[window] operator value for duration'")]
    public void A_bad_condition_says_what_is_wrong_and_what_to_write(string text, string expected)
    {
        Assert.False(CheckpointCondition.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_metric_close_to_a_known_one_is_suggested()
    {
        Assert.False(CheckpointCondition.TryParse("conections.dropped > 1", out _, out var error));
        Assert.Contains("did you mean 'connections.dropped'?", error, StringComparison.Ordinal);
    }
}
