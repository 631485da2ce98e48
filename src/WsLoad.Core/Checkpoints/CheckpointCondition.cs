using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using WsLoad.Scenarios;
using WsLoad.Scenarios.Loading;
using WsLoad.Thresholds;

namespace WsLoad.Checkpoints;

/// <summary>
/// A live condition such as <c>rtt.p99[10s] &gt; 500ms for 5s</c>, <c>errors.rate[30s] &gt; 1%</c>,
/// <c>connections.dropped &gt; 100</c> or <c>generator.saturated for 3s</c>: a metric of the live snapshots, read over a
/// window of the last seconds (<c>[10s]</c>) or, without one, since the run started; compared with a value in the
/// metric's unit; and, with <c>for</c>, true only once it has held that many consecutive seconds. A flag metric
/// (<c>generator.saturated</c>) takes no comparison. Judged once a second by <see cref="CheckpointJudge"/>.
/// </summary>
public sealed partial record CheckpointCondition
{
    /// <summary>The longest window a condition may read: the judge keeps this many seconds of snapshots.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromMinutes(5);

    public required string Text { get; init; }

    public required string Metric { get; init; }

    /// <summary>The window read, in whole seconds; null reads everything since the run started.</summary>
    public int? WindowSeconds { get; init; }

    /// <summary>The comparison; null for a flag metric.</summary>
    public ThresholdOperator? Operator { get; init; }

    /// <summary>The value compared with, in the metric's unit (milliseconds for times).</summary>
    public double Value { get; init; }

    /// <summary>How many consecutive judged seconds the condition must hold before it counts; 1 without <c>for</c>.</summary>
    public int ForSeconds { get; init; } = 1;

    internal LiveMetric Definition => LiveMetrics.All[Metric];

    /// <summary>Whether a value read from the snapshots meets the condition (a flag: whether it is set).</summary>
    public bool IsMetBy(double measured) => Operator is { } comparison ? ThresholdOperators.Holds(comparison, measured, Value) : measured != 0;

    /// <summary>Parses a condition; throws <see cref="FormatException"/> saying what is allowed.</summary>
    public static CheckpointCondition Parse(string text) =>
        TryParse(text, out var condition, out var error) ? condition : throw new FormatException(error);

    /// <summary>Parses a condition; on failure <paramref name="error"/> says what is wrong and what to write instead.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CheckpointCondition? condition, [NotNullWhen(false)] out string? error)
    {
        condition = null;
        var match = ConditionPattern().Match(text ?? "");
        if (!match.Success)
        {
            error = $"'{text}' is not a checkpoint condition; expected 'metric[window] operator value for duration' such as "
                + $"'rtt.p99[10s] > 500ms for 5s', 'errors.rate[30s] > 1%', 'connections.dropped > 100' or 'generator.saturated for 3s' (operators: {ThresholdExpression.Operators})";
            return false;
        }

        var name = match.Groups["metric"].Value;
        if (!LiveMetrics.All.TryGetValue(name, out var metric))
        {
            var suggestion = NameSuggester.Closest(name, LiveMetrics.Names);
            var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
            error = $"unknown live metric '{name}'{hint}; allowed: {string.Join(", ", LiveMetrics.Names)}";
            return false;
        }

        int? window = null;
        if (match.Groups["window"].Success)
        {
            if (!metric.Windowed)
            {
                error = $"{name} is {metric.NoWindowReason}: it takes no window; write '{name} {(metric.Unit is null ? "for 3s" : "> …")}'";
                return false;
            }

            if (!TryParseWholeSeconds(match.Groups["window"].Value, out var seconds, out error))
            {
                error = $"{name}: the window {error}";
                return false;
            }

            window = seconds;
        }

        var operatorText = match.Groups["op"].Value;
        ThresholdOperator? comparison = null;
        double value = 0;
        if (metric.Unit is null)
        {
            if (operatorText.Length > 0)
            {
                error = $"{name} is a flag, set or not: it takes no comparison; write '{name}' or '{name} for 3s'";
                return false;
            }
        }
        else
        {
            if (operatorText.Length == 0)
            {
                error = $"{name} needs a comparison, e.g. '{name}{(metric.Windowed ? "[10s]" : "")} > {Example(metric.Unit.Value)}' (operators: {ThresholdExpression.Operators})";
                return false;
            }

            comparison = ThresholdOperators.Parse(operatorText);
            if (!ThresholdExpression.TryParseValue(match.Groups["value"].Value, metric.Unit.Value, out value, out error))
            {
                error = $"{name}: {error}";
                return false;
            }
        }

        var forSeconds = 1;
        if (match.Groups["for"].Success)
        {
            if (!TryParseWholeSeconds(match.Groups["for"].Value, out forSeconds, out error))
            {
                error = $"'for' {error}";
                return false;
            }
        }

        condition = new CheckpointCondition
        {
            Text = text!.Trim(),
            Metric = name,
            WindowSeconds = window,
            Operator = comparison,
            Value = value,
            ForSeconds = forSeconds,
        };
        error = null;
        return true;
    }

    public override string ToString() => Text;

    /// <summary>Reads a window or a <c>for</c>: a duration of whole seconds from 1 s to <see cref="MaxWindow"/>.</summary>
    private static bool TryParseWholeSeconds(string text, out int seconds, [NotNullWhen(false)] out string? error)
    {
        seconds = 0;
        if (!ScenarioValues.TryParseDuration(text.Trim(), out var duration))
        {
            error = $"'{text}' is not a duration; write whole seconds such as 10s, 30s or 1m";
            return false;
        }

        if (duration < TimeSpan.FromSeconds(1) || duration > MaxWindow || duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            error = $"'{text}' must be whole seconds from 1s to {MaxWindow.TotalMinutes.ToString(CultureInfo.InvariantCulture)}m: conditions are judged once a second";
            return false;
        }

        seconds = (int)duration.TotalSeconds;
        error = null;
        return true;
    }

    private static string Example(ThresholdUnit unit) => unit switch
    {
        ThresholdUnit.Milliseconds => "500ms",
        ThresholdUnit.Percent => "1%",
        ThresholdUnit.PerSecond => "1000/s",
        _ => "100",
    };

    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z][A-Za-z0-9_.]*)(\[(?<window>[^\[\]]*)\])?\s*((?<op><=|>=|==|<|>)\s*(?<value>[^\s]+))?(\s+for\s+(?<for>\S+))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionPattern();
}
