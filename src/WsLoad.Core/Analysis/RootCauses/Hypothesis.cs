using System.Globalization;

namespace WsLoad.Analysis.RootCauses;

/// <summary>
/// A root-cause hypothesis while its rule and the cross-rules adjust it; becomes a <see cref="RootCause"/> when ranked.
/// Each adjustment is quoted with its evidence, e.g. <c>… (+0.25)</c>. Not thread-safe: one analysis builds it.
/// </summary>
internal sealed class Hypothesis(string kind, string statement, double baseConfidence, string rule, bool serverSide)
{
    private readonly List<string> _supporting = [];
    private readonly List<string> _contradicting = [];

    public string Kind { get; } = kind;

    public string Statement { get; } = statement;

    public double Confidence { get; private set; } = baseConfidence;

    /// <summary>Blames the server: lowered when the generator was saturated.</summary>
    public bool ServerSide { get; } = serverSide;

    /// <summary>When the hypothesised cause began (seconds), for ordering ties; null when not timed.</summary>
    public double? AtSeconds { get; init; }

    /// <summary>A fact in favour, without changing the confidence.</summary>
    public Hypothesis For(string evidence)
    {
        _supporting.Add(evidence);
        return this;
    }

    /// <summary>A fact against, without changing the confidence.</summary>
    public Hypothesis Against(string evidence)
    {
        _contradicting.Add(evidence);
        return this;
    }

    /// <summary>A fact that moves the confidence: supporting when <paramref name="delta"/> is positive, contradicting otherwise.</summary>
    public Hypothesis Adjust(double delta, string evidence)
    {
        var line = evidence + " (" + delta.ToString("+0.##;-0.##", CultureInfo.InvariantCulture) + ")";
        (delta >= 0 ? _supporting : _contradicting).Add(line);
        Confidence += delta;
        return this;
    }

    public RootCause ToRootCause(string id) => new(
        id,
        Kind,
        Statement,
        Math.Round(Math.Clamp(Confidence, RootCauseRules.MinConfidence, RootCauseRules.MaxConfidence), 2),
        [.. _supporting],
        [.. _contradicting],
        Rule);

    public string Rule { get; } = rule;
}
