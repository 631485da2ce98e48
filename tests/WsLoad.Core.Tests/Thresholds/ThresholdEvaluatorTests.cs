using WsLoad.Results;
using WsLoad.Thresholds;

namespace WsLoad.Tests.Thresholds;

public class ThresholdEvaluatorTests
{
    private static readonly RunSummary Summary = new()
    {
        Connections = new ConnectionSummary { Attempted = 1000, Established = 990, Failed = 10, Dropped = 5, Peak = 985 },
        Messages = new MessageSummary { Sent = 9000, Received = 8980, Lost = 20, Duplicated = 2, OutOfOrder = 3, Corrupted = 5, ThroughputPerSec = 8500 },
        LatencyMs = new LatencySummaries
        {
            Rtt = new LatencySummary { Count = 8980, P50 = 10, P90 = 20, P95 = 30, P99 = 150, P999 = 400, Max = 900, Mean = 14 },
            Connect = new LatencySummary { Count = 990, P50 = 2, P90 = 3, P95 = 4, P99 = 8, P999 = 12, Max = 30, Mean = 2.5 },
        },
    };

    [Theory]
    [InlineData("rtt.p50 < 11ms", 10, true)]
    [InlineData("rtt.p90 < 20ms", 20, false)]
    [InlineData("rtt.p95 <= 30", 30, true)]
    [InlineData("rtt.p99 < 200ms", 150, true)]
    [InlineData("rtt.p999 < 0.3s", 400, false)]
    [InlineData("rtt.max < 1s", 900, true)]
    [InlineData("rtt.mean < 15ms", 14, true)]
    [InlineData("connect.p50 < 1ms", 2, false)]
    [InlineData("connect.p90 < 5ms", 3, true)]
    [InlineData("connect.p95 < 5ms", 4, true)]
    [InlineData("connect.p99 < 10ms", 8, true)]
    [InlineData("connect.p999 < 10ms", 12, false)]
    [InlineData("connect.max < 1s", 30, true)]
    [InlineData("connect.mean < 3", 2.5, true)]
    [InlineData("connect.success > 99.9%", 99, false)]
    [InlineData("connect.success >= 99%", 99, true)]
    [InlineData("throughput >= 8000/s", 8500, true)]
    [InlineData("errors.rate < 0.5%", 0.4, true)] // (10 failed + 5 dropped + 20 lost + 5 corrupted) / (1000 + 9000)
    [InlineData("messages.lost == 0", 20, false)]
    [InlineData("messages.duplicated <= 2", 2, true)]
    [InlineData("messages.outOfOrder < 3", 3, false)]
    [InlineData("messages.corrupted == 5", 5, true)]
    [InlineData("messages.sent > 8999", 9000, true)]
    [InlineData("messages.received > 9000", 8980, false)]
    [InlineData("connections.peak >= 985", 985, true)]
    [InlineData("connections.failed == 0", 10, false)]
    [InlineData("connections.dropped < 10", 5, true)]
    [InlineData("connections.established >= 990", 990, true)]
    public void Each_metric_is_read_from_the_summary(string expression, double value, bool passed)
    {
        var result = Assert.Single(ThresholdEvaluator.Evaluate([expression], Summary));
        Assert.Equal(expression, result.Expression);
        Assert.NotNull(result.Value);
        Assert.Equal(value, result.Value.Value, 9);
        Assert.Equal(passed, result.Passed);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Metrics_without_data_fail_with_a_reason()
    {
        var empty = new RunSummary { Connections = new(), Messages = new(), LatencyMs = new() };
        var results = ThresholdEvaluator.Evaluate(["rtt.p99 < 200ms", "connect.success > 99%", "errors.rate < 1%", "messages.lost == 0"], empty);

        Assert.All(results.Take(3), r =>
        {
            Assert.False(r.Passed);
            Assert.Null(r.Value);
            Assert.StartsWith("no data for ", r.Error, StringComparison.Ordinal);
        });
        Assert.True(results[3].Passed);
    }

    [Fact]
    public void An_expression_that_does_not_parse_fails_with_its_error()
    {
        var result = Assert.Single(ThresholdEvaluator.Evaluate(["rtt.p99 < 5%"], Summary));
        Assert.False(result.Passed);
        Assert.Null(result.Value);
        Assert.Contains("percentage", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_keep_the_order_of_the_expressions()
    {
        var results = ThresholdEvaluator.Evaluate(["messages.lost == 20", "rtt.p99 < 100ms"], Summary);
        Assert.Equal([true, false], results.Select(r => r.Passed));
    }
}
