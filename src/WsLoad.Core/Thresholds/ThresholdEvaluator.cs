using WsLoad.Results;

namespace WsLoad.Thresholds;

/// <summary>Evaluates k6-style threshold expressions against a run's summary.</summary>
public static class ThresholdEvaluator
{
    /// <summary>
    /// One result per expression, in order. <see cref="ThresholdResult.Value"/> is in the metric's unit (ms,
    /// percent, per second or a count). An expression that does not parse, or whose metric has no data,
    /// fails with <see cref="ThresholdResult.Error"/> saying why.
    /// </summary>
    public static IReadOnlyList<ThresholdResult> Evaluate(IReadOnlyList<string> expressions, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        ArgumentNullException.ThrowIfNull(summary);
        var results = new List<ThresholdResult>(expressions.Count);
        foreach (var text in expressions)
        {
            results.Add(Evaluate(text, summary));
        }

        return results;
    }

    private static ThresholdResult Evaluate(string text, RunSummary summary)
    {
        if (!ThresholdExpression.TryParse(text, out var expression, out var error))
            return new ThresholdResult { Expression = text, Error = error };

        var metric = ThresholdMetrics.All[expression.Metric];
        var measured = metric.Read(summary);
        if (measured is not { } value)
        {
            return new ThresholdResult
            {
                Expression = expression.Text,
                Error = $"no data for {metric.Name}: {metric.NoDataReason}",
            };
        }

        return new ThresholdResult { Expression = expression.Text, Value = value, Passed = expression.IsMetBy(value) };
    }
}
