using WsLoad.Results;

namespace WsLoad.Thresholds;

/// <summary>Evaluates k6-style threshold expressions against a run's summary and its phases' figures.</summary>
public static class ThresholdEvaluator
{
    /// <summary>Evaluates against the whole run only, for a run without phase figures: every threshold judges <c>all</c>.</summary>
    public static IReadOnlyList<ThresholdResult> Evaluate(IReadOnlyList<string> expressions, RunSummary summary) =>
        Evaluate(expressions, summary, new Dictionary<string, PhaseSummary>());

    /// <summary>
    /// One result per expression, in order, each judged on the phase it names or the default of <see cref="ThresholdPhases"/>
    /// (<see cref="ThresholdResult.Phase"/> says which). <see cref="ThresholdResult.Value"/> is in the metric's unit (ms,
    /// percent, per second or a count). An expression that does not parse, or whose metric has no data in its phase,
    /// fails with <see cref="ThresholdResult.Error"/> saying why.
    /// </summary>
    public static IReadOnlyList<ThresholdResult> Evaluate(IReadOnlyList<string> expressions, RunSummary summary, IReadOnlyDictionary<string, PhaseSummary> phases)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(phases);
        var results = new List<ThresholdResult>(expressions.Count);
        foreach (var text in expressions)
        {
            results.Add(Evaluate(text, summary, phases));
        }

        return results;
    }

    private static ThresholdResult Evaluate(string text, RunSummary summary, IReadOnlyDictionary<string, PhaseSummary> phases)
    {
        if (!ThresholdExpression.TryParse(text, out var expression, out var error))
            return new ThresholdResult { Expression = text, Error = error };

        var metric = ThresholdMetrics.All[expression.Metric];
        var phase = ThresholdPhases.Of(expression, summary, phases);
        var measured = ThresholdPhases.Read(metric, phase, summary, phases);
        if (measured is not { } value)
        {
            return new ThresholdResult
            {
                Expression = expression.Text,
                Phase = phase,
                Error = $"no data for {metric.Name}: {ThresholdPhases.NoDataReason(metric, phase, phases)}",
            };
        }

        return new ThresholdResult { Expression = expression.Text, Phase = phase, Value = value, Passed = expression.IsMetBy(value) };
    }
}
