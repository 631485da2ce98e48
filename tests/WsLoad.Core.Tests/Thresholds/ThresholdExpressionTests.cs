using WsLoad.Thresholds;

namespace WsLoad.Tests.Thresholds;

public class ThresholdExpressionTests
{
    [Theory]
    [InlineData("rtt.p99 < 200ms", "rtt.p99", ThresholdOperator.LessThan, 200, ThresholdUnit.Milliseconds)]
    [InlineData("rtt.p99<1.5s", "rtt.p99", ThresholdOperator.LessThan, 1500, ThresholdUnit.Milliseconds)]
    [InlineData("rtt.p50 < 500us", "rtt.p50", ThresholdOperator.LessThan, 0.5, ThresholdUnit.Milliseconds)]
    [InlineData("rtt.p50 < 250\u00B5s", "rtt.p50", ThresholdOperator.LessThan, 0.25, ThresholdUnit.Milliseconds)]
    [InlineData("connect.max <= 150", "connect.max", ThresholdOperator.LessThanOrEqual, 150, ThresholdUnit.Milliseconds)]
    [InlineData("connect.success > 99.9%", "connect.success", ThresholdOperator.GreaterThan, 99.9, ThresholdUnit.Percent)]
    [InlineData("errors.rate < 0.1", "errors.rate", ThresholdOperator.LessThan, 0.1, ThresholdUnit.Percent)]
    [InlineData("throughput >= 8000/s", "throughput", ThresholdOperator.GreaterThanOrEqual, 8000, ThresholdUnit.PerSecond)]
    [InlineData("throughput >= 60/m", "throughput", ThresholdOperator.GreaterThanOrEqual, 1, ThresholdUnit.PerSecond)]
    [InlineData("messages.lost == 0", "messages.lost", ThresholdOperator.Equal, 0, ThresholdUnit.Count)]
    [InlineData("  connections.peak >= 10000  ", "connections.peak", ThresholdOperator.GreaterThanOrEqual, 10000, ThresholdUnit.Count)]
    public void Expressions_parse(string text, string metric, ThresholdOperator op, double value, ThresholdUnit unit)
    {
        var expression = ThresholdExpression.Parse(text);
        Assert.Equal(metric, expression.Metric);
        Assert.Equal(op, expression.Operator);
        Assert.Equal(value, expression.Value, 9);
        Assert.Equal(unit, expression.Unit);
        Assert.Equal(text.Trim(), expression.Text);
    }

    [Theory]
    [InlineData("", "is not a threshold; expected 'metric operator value'")]
    [InlineData("rtt.p99", "is not a threshold")]
    [InlineData("rtt.p99 ~ 5ms", "is not a threshold")]
    [InlineData("rtt.p99 < ", "is not a threshold")]
    [InlineData("connect.sucess > 99%", "unknown metric 'connect.sucess' (did you mean 'connect.success'?); allowed: rtt.p50,")]
    [InlineData("latency < 200ms", "unknown metric 'latency'; allowed:")]
    [InlineData("rtt.p99 < 5%", "rtt.p99: '5%' is a percentage but this metric is a time; write a time such as 200ms")]
    [InlineData("rtt.p99 < 5/s", "rtt.p99: '5/s' is a rate but this metric is a time")]
    [InlineData("connect.success > 200ms", "connect.success: '200ms' is a time but this metric is a percentage")]
    [InlineData("messages.lost < 1%", "messages.lost: '1%' is a percentage but this metric is a count; write a plain number")]
    [InlineData("rtt.p99 < fast", "rtt.p99: cannot read the value 'fast'")]
    [InlineData("connect.success > x%", "connect.success: cannot read the value 'x%'")]
    public void Bad_expressions_say_what_is_allowed(string text, string expectedStart)
    {
        Assert.False(ThresholdExpression.TryParse(text, out _, out var error));
        Assert.Contains(expectedStart, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ThresholdExpression.Parse(text));
    }

    [Theory]
    [InlineData("rtt.p99{phase:hold} < 100ms", "rtt.p99", "hold")]
    [InlineData("rtt.p99{ phase : ramp-up } < 100ms", "rtt.p99", "ramp-up")]
    [InlineData("response.p999{phase:closing}<1s", "response.p999", "closing")]
    [InlineData("throughput{phase:ramp-down} >= 10/s", "throughput", "ramp-down")]
    [InlineData("errors.rate{phase:all} < 1%", "errors.rate", "all")]
    [InlineData("connections.failed{phase:hold} == 0", "connections.failed", "hold")]
    [InlineData("rtt.p99 < 100ms", "rtt.p99", null)]
    public void A_phase_may_be_named_in_braces(string text, string metric, string? phase)
    {
        var expression = ThresholdExpression.Parse(text);
        Assert.Equal(metric, expression.Metric);
        Assert.Equal(phase, expression.Phase);
        Assert.Equal(text.Trim(), expression.Text);
    }

    [Theory]
    [InlineData("rtt.p99{phase:steady} < 100ms", "rtt.p99: unknown phase 'steady'; allowed: ramp-up, hold, ramp-down, closing, all")]
    [InlineData("rtt.p99{phase:Hold} < 100ms", "unknown phase 'Hold'")]
    [InlineData("rtt.p99{scenario:x} < 100ms", "rtt.p99: unknown tag 'scenario:x'; allowed: phase")]
    [InlineData("rtt.p99{hold} < 100ms", "unknown tag 'hold'; allowed: phase")]
    [InlineData("rtt.p99{phase:hold,phase:all} < 100ms", "the phase is named twice")]
    [InlineData("rtt.p99{phase:hold < 100ms", "is not a threshold")]
    [InlineData("errors.rate{phase:hold} < 1%", "errors.rate: cannot be judged on the hold phase (lost messages are counted over the whole run only); drop the phase or name 'all'")]
    [InlineData("availability{phase:hold} > 99%", "availability: cannot be judged on the hold phase")]
    [InlineData("messages.lost{phase:closing} == 0", "messages.lost: cannot be judged on the closing phase")]
    [InlineData("connections.peak{phase:hold} > 0", "connections.peak: cannot be judged on the hold phase")]
    public void Bad_phases_say_what_is_allowed(string text, string expected)
    {
        Assert.False(ThresholdExpression.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rtt.p99 < 200", 199.9, true)]
    [InlineData("rtt.p99 < 200", 200, false)]
    [InlineData("rtt.p99 <= 200", 200, true)]
    [InlineData("throughput > 10", 10, false)]
    [InlineData("throughput >= 10", 10, true)]
    [InlineData("messages.lost == 0", 0, true)]
    [InlineData("messages.lost == 0", 1, false)]
    public void Operators_compare(string text, double measured, bool met) =>
        Assert.Equal(met, ThresholdExpression.Parse(text).IsMetBy(measured));
}
