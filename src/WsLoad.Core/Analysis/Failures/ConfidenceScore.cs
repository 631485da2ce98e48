using System.Globalization;

namespace WsLoad.Analysis.Failures;

/// <summary>Adds up a confidence from named rules, keeping each applied rule for the evidence. Not thread-safe (one per pattern).</summary>
internal sealed class ConfidenceScore
{
    private readonly List<string> _rules = [];
    private double _value;

    public ConfidenceScore(string baseRule, double baseValue)
    {
        _value = baseValue;
        _rules.Add(Describe(baseRule, baseValue, signed: false));
    }

    public ConfidenceScore Apply(bool condition, string rule, double delta)
    {
        if (condition)
        {
            _value += delta;
            _rules.Add(Describe(rule, delta, signed: true));
        }

        return this;
    }

    public double Value => Math.Round(Math.Clamp(_value, FailurePatternRules.MinConfidence, FailurePatternRules.MaxConfidence), 2);

    public IReadOnlyList<string> Rules => _rules;

    private static string Describe(string rule, double value, bool signed) =>
        rule + ": " + value.ToString(signed ? "+0.0#;-0.0#" : "0.0#", CultureInfo.InvariantCulture);
}
