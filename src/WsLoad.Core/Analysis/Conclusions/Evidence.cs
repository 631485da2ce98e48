using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis.Conclusions;

/// <summary>Reads the figures of a finding or a next step by name.</summary>
public static class Evidence
{
    /// <summary>The figure named <paramref name="name"/>; throws when there is none, which is a bug of the rule or of the one phrasing it.</summary>
    public static double Value(this IReadOnlyList<EvidenceFigure> evidence, string name) =>
        evidence.ValueOrNull(name) ?? throw new KeyNotFoundException($"no evidence figure '{name}' (has: {string.Join(", ", evidence.Select(e => e.Name))})");

    /// <summary>The figure named <paramref name="name"/>; null when the rule had no data for it.</summary>
    public static double? ValueOrNull(this IReadOnlyList<EvidenceFigure> evidence, string name)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.FirstOrDefault(e => e.Name == name)?.Value;
    }
}
