using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WsLoad.Scenarios;
using WsLoad.Thresholds;

namespace WsLoad.Checkpoints;

/// <summary>
/// A threshold with <c>abortOnFail</c> (as in k6): judged live, every second, over the run so far, and the run aborts
/// the first second it fails, once <c>delayAbortEval</c> has passed. It becomes an <c>abort</c> checkpoint whose
/// condition is the threshold turned round (<c>rtt.p99 &lt; 200ms</c> fails when <c>rtt.p99 &gt;= 200ms</c>); the
/// threshold itself is still judged on the whole result as every threshold is.
/// </summary>
public static class ThresholdAbort
{
    /// <summary>
    /// <paramref name="threshold"/> as a <c>mark</c> checkpoint that holds while the threshold fails, for those who only
    /// watch (the webhooks' live breach alerts); null when it cannot be judged live (a phase, a metric known only at the
    /// end, or <c>==</c>).
    /// </summary>
    public static CheckpointOptions? Watch(string threshold) =>
        TryCreate(threshold, TimeSpan.Zero, out var checkpoint, out _)
            ? checkpoint with { Name = "threshold " + threshold.Trim(), Action = CheckpointAction.Mark }
            : null;

    /// <summary>The checkpoint for <paramref name="threshold"/>; false, with why, when it cannot be judged live.</summary>
    public static bool TryCreate(string threshold, TimeSpan delay, [NotNullWhen(true)] out CheckpointOptions? checkpoint, [NotNullWhen(false)] out string? error)
    {
        checkpoint = null;
        if (!ThresholdExpression.TryParse(threshold, out var expression, out error))
        {
            return false;
        }

        if (expression.Phase is not null)
        {
            error = $"abortOnFail judges the run so far, second by second, not one phase: drop {{phase:{expression.Phase}}} from '{threshold}', or drop abortOnFail";
            return false;
        }

        if (!LiveMetrics.All.TryGetValue(expression.Metric, out var live) || live.Unit != expression.Unit || !live.Windowed)
        {
            error = $"abortOnFail needs a metric judged live, and {expression.Metric} is known only at the end of the run; live: {string.Join(", ", LiveMetrics.All.Values.Where(m => m.Windowed).Select(m => m.Name))}";
            return false;
        }

        var failsWhen = expression.Operator switch
        {
            ThresholdOperator.LessThan => ">=",
            ThresholdOperator.LessThanOrEqual => ">",
            ThresholdOperator.GreaterThan => "<=",
            ThresholdOperator.GreaterThanOrEqual => "<",
            _ => null,
        };
        if (failsWhen is null)
        {
            error = $"abortOnFail cannot turn '==' round into one condition; write the threshold with <, <=, > or >=";
            return false;
        }

        var value = expression.Value.ToString("R", CultureInfo.InvariantCulture) + expression.Unit switch
        {
            ThresholdUnit.Milliseconds => "ms",
            ThresholdUnit.Percent => "%",
            ThresholdUnit.PerSecond => "/s",
            _ => "",
        };
        checkpoint = new CheckpointOptions
        {
            Name = $"threshold {expression.Text} (abortOnFail)",
            When = $"{expression.Metric} {failsWhen} {value}",
            Action = CheckpointAction.Abort,
            After = delay,
        };
        error = null;
        return true;
    }
}
