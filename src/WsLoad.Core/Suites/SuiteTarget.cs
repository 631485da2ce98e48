using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using WsLoad.Scenarios.Loading;
using WsLoad.Thresholds;

namespace WsLoad.Suites;

/// <summary>
/// One of a suite's own pass rules over its scenarios' outcomes, such as <c>scenarios.passed == 100%</c>,
/// <c>scenarios.passed &gt;= 95%</c>, <c>scenarios.failed &lt;= 1</c> or <c>checks.failed == 0</c>.
/// </summary>
public sealed partial record SuiteTarget
{
    /// <summary>The metrics a target may name.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["scenarios.passed", "scenarios.failed", "scenarios.skipped", "checks.failed"];

    public required string Text { get; init; }

    public required string Metric { get; init; }

    public required ThresholdOperator Operator { get; init; }

    public required double Value { get; init; }

    /// <summary>True when <see cref="Value"/> is a percentage of the suite's scenarios (<c>scenarios.passed</c> only).</summary>
    public bool Percent { get; init; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out SuiteTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            error = $"'{text}' is not a suite target; expected 'metric operator value' such as 'scenarios.passed == 100%', 'scenarios.passed >= 95%' or 'scenarios.failed <= 1' (operators: {ThresholdExpression.Operators})";
            return false;
        }

        var metric = match.Groups["metric"].Value;
        if (!Metrics.Contains(metric, StringComparer.Ordinal))
        {
            var suggestion = NameSuggester.Closest(metric, Metrics);
            error = $"unknown suite metric '{metric}'{(suggestion is null ? "" : $" (did you mean '{suggestion}'?)")}; allowed: {string.Join(", ", Metrics)}";
            return false;
        }

        var valueText = match.Groups["value"].Value;
        var percent = valueText.EndsWith('%');
        if (percent && metric != "scenarios.passed")
        {
            error = $"{metric} is a count; write a whole number such as '{metric} <= 1' (only scenarios.passed takes a percentage)";
            return false;
        }

        if (!double.TryParse(percent ? valueText[..^1] : valueText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || (percent && value > 100))
        {
            error = $"{metric}: cannot read '{valueText}'; write a count such as 2, or for scenarios.passed a percentage such as 95%";
            return false;
        }

        target = new SuiteTarget
        {
            Text = text!.Trim(),
            Metric = metric,
            Operator = ThresholdOperators.Parse(match.Groups["op"].Value),
            Value = value,
            Percent = percent,
        };
        error = null;
        return true;
    }

    public static SuiteTarget Parse(string text) => TryParse(text, out var target, out var error) ? target : throw new FormatException(error);

    /// <summary>Whether the measured value (a count, or a percentage for a percent target) meets it.</summary>
    public bool IsMetBy(double measured) => ThresholdOperators.Holds(Operator, Math.Round(measured, 9), Value); // 100.0 * 16 / 16 is exactly 100, but a share may carry a last-digit error

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z][A-Za-z0-9_.]*)\s*(?<op><=|>=|==|<|>)\s*(?<value>\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
