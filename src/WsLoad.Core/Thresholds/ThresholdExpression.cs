using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using WsLoad.Scenarios;
using WsLoad.Scenarios.Loading;

namespace WsLoad.Thresholds;

/// <summary>
/// A parsed k6-style threshold such as <c>rtt.p99 &lt; 200ms</c>, <c>connect.success &gt; 99.9%</c> or, naming the phase
/// it judges, <c>rtt.p99{phase:hold} &lt; 100ms</c>. <see cref="Value"/> is in the metric's unit: milliseconds (<c>1.5s</c>
/// is 1500), percent, per second or a count. Without a phase, <see cref="ThresholdPhases.Of"/> picks the default.
/// </summary>
public sealed partial record ThresholdExpression
{
    /// <summary>The operators a threshold may use, for error messages.</summary>
    public const string Operators = "<, <=, >, >=, ==";

    public required string Text { get; init; }

    public required string Metric { get; init; }

    /// <summary>The phase named in braces (<c>hold</c>, <c>all</c>, …); null when none was, and the default applies.</summary>
    public string? Phase { get; init; }

    public required ThresholdOperator Operator { get; init; }

    public required double Value { get; init; }

    public required ThresholdUnit Unit { get; init; }

    /// <summary>Parses an expression; throws <see cref="FormatException"/> saying what is allowed.</summary>
    public static ThresholdExpression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression : throw new FormatException(error);

    /// <summary>Parses an expression; on failure <paramref name="error"/> says what is wrong and what is allowed.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ThresholdExpression? expression, [NotNullWhen(false)] out string? error)
    {
        expression = null;
        var match = ExpressionPattern().Match(text ?? "");
        if (!match.Success)
        {
            error = $"'{text}' is not a threshold; expected 'metric operator value' such as 'rtt.p99 < 200ms' or 'rtt.p99{{phase:hold}} < 200ms' (operators: {Operators})";
            return false;
        }

        var metricName = match.Groups["metric"].Value;
        if (!ThresholdMetrics.All.TryGetValue(metricName, out var metric))
        {
            var suggestion = NameSuggester.Closest(metricName, ThresholdMetrics.Names);
            var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
            error = $"unknown metric '{metricName}'{hint}; allowed: {string.Join(", ", ThresholdMetrics.Names)}";
            return false;
        }

        string? phase = null;
        if (match.Groups["tags"].Success && !TryParsePhase(metricName, match.Groups["tags"].Value, out phase, out error))
        {
            return false;
        }

        var valueText = match.Groups["value"].Value;
        if (!TryParseValue(valueText, metric.Unit, out var value, out error))
        {
            error = $"{metricName}: {error}";
            return false;
        }

        expression = new ThresholdExpression
        {
            Text = text!.Trim(),
            Metric = metricName,
            Phase = phase,
            Operator = ThresholdOperators.Parse(match.Groups["op"].Value),
            Value = value,
            Unit = metric.Unit,
        };
        return true;
    }

    /// <summary>Whether a measured value (in <see cref="Unit"/>) meets this threshold.</summary>
    public bool IsMetBy(double measured) => ThresholdOperators.Holds(Operator, measured, Value);

    public override string ToString() => Text;

    /// <summary>Reads <c>phase:hold</c> from the braces: the only tag is <c>phase</c>, once, and the metric must be readable in it.</summary>
    private static bool TryParsePhase(string metric, string tags, out string? phase, [NotNullWhen(false)] out string? error)
    {
        phase = null;
        foreach (var tag in tags.Split(','))
        {
            var parts = tag.Split(':', 2);
            var key = parts[0].Trim();
            if (key != "phase" || parts.Length < 2)
            {
                error = $"{metric}: unknown tag '{tag.Trim()}'; allowed: phase (e.g. '{metric}{{phase:hold}}')";
                return false;
            }

            if (phase is not null)
            {
                error = $"{metric}: the phase is named twice; name one of {string.Join(", ", ThresholdPhases.Names)}";
                return false;
            }

            phase = parts[1].Trim();
            if (!ThresholdPhases.Names.Contains(phase, StringComparer.Ordinal))
            {
                error = $"{metric}: unknown phase '{phase}'; allowed: {string.Join(", ", ThresholdPhases.Names)}";
                return false;
            }

            if (!ThresholdPhases.CanRead(ThresholdMetrics.All[metric], phase))
            {
                error = $"{metric}: cannot be judged on the {phase} phase ({ThresholdMetrics.All[metric].WholeRunOnly}); drop the phase or name 'all' to judge the whole run";
                return false;
            }
        }

        error = null;
        return true;
    }

    internal static bool TryParseValue(string text, ThresholdUnit unit, out double value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (ScenarioValues.TryParseNumber(text, out value))
            return true;

        var written = text.EndsWith('%') ? ThresholdUnit.Percent
            : text.Contains('/', StringComparison.Ordinal) ? ThresholdUnit.PerSecond
            : ThresholdUnit.Milliseconds;
        var parsed = written switch
        {
            ThresholdUnit.Percent => ScenarioValues.TryParseNumber(text[..^1].TrimEnd(), out value),
            ThresholdUnit.PerSecond => ScenarioValues.TryParseRate(text, out value),
            _ => TryParseMilliseconds(text, out value),
        };
        if (!parsed)
        {
            error = $"cannot read the value '{text}'; {Expected(unit)}";
            return false;
        }

        if (written != unit)
        {
            error = $"'{text}' is {Describe(written)} but this metric is {Describe(unit)}; {Expected(unit)}";
            return false;
        }

        return true;
    }

    private static bool TryParseMilliseconds(string text, out double milliseconds)
    {
        milliseconds = 0;
        if (!ScenarioValues.TryParseDuration(text, out var duration))
            return false;
        milliseconds = duration.TotalMilliseconds;
        return true;
    }

    private static string Describe(ThresholdUnit unit) => unit switch
    {
        ThresholdUnit.Milliseconds => "a time",
        ThresholdUnit.Percent => "a percentage",
        ThresholdUnit.PerSecond => "a rate",
        _ => "a count",
    };

    private static string Expected(ThresholdUnit unit) => unit switch
    {
        ThresholdUnit.Milliseconds => "write a time such as 200ms, 1.5s or 500us (a plain number is ms)",
        ThresholdUnit.Percent => "write a percentage such as 99.9% (a plain number is percent)",
        ThresholdUnit.PerSecond => "write a rate such as 8000/s or 60/m (a plain number is per second)",
        _ => "write a plain number such as 0 or 1000",
    };

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z][A-Za-z0-9_.]*)(\{(?<tags>[^{}]*)\})?\s*(?<op><=|>=|==|<|>)\s*(?<value>\S(.*\S)?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExpressionPattern();
}
