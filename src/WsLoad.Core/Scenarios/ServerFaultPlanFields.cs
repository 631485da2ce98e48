using System.Globalization;

namespace WsLoad.Scenarios;

/// <summary>
/// The fields of a server fault plan, as the embedded server's <c>PUT /admin/faults</c> takes them and a scenario's
/// <c>serverFaults.at[].set</c> writes them: a name and its text value. Checks a value and describes a plan in words,
/// for errors and for the run's timeline.
/// </summary>
public static class ServerFaultPlanFields
{
    private enum Kind
    {
        Delay,
        Duration,
        Percent,
        Every,
        Count,
        Status,
        CloseCode,
        Text,
        Seed,
        CpuCost,
    }

    private static readonly (string Name, Kind Kind, string Words)[] All =
    [
        ("replyDelay", Kind.Delay, "reply delay"),
        ("corruptPercent", Kind.Percent, "corrupt"),
        ("corruptEvery", Kind.Every, "corrupt every"),
        ("dropEvery", Kind.Every, "drop every"),
        ("duplicateEvery", Kind.Every, "duplicate every"),
        ("refuseStatus", Kind.Status, "refuse upgrades with"),
        ("refusePercent", Kind.Percent, "refuse"),
        ("refuseAfter", Kind.Count, "refuse after"),
        ("closePercent", Kind.Percent, "close"),
        ("closeAfterMessages", Kind.Every, "close after messages"),
        ("closeCode", Kind.CloseCode, "close code"),
        ("closeReason", Kind.Text, "close reason"),
        ("closeAllAfter", Kind.Duration, "close all after"),
        ("abortAfterMessages", Kind.Every, "abort after messages"),
        ("acceptDelay", Kind.Delay, "accept delay"),
        ("stallAt", Kind.Duration, "stall at"),
        ("stallFor", Kind.Duration, "stall for"),
        ("seed", Kind.Seed, "seed"),
        ("cpuPerMessage", Kind.CpuCost, "CPU per message"),
    ];

    /// <summary>Every field name, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>What is wrong with <paramref name="value"/> for field <paramref name="name"/>, or null when it is fine.</summary>
    public static string? Check(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var index = Array.FindIndex(All, f => f.Name == name);
        if (index < 0)
            return $"unknown fault '{name}'; allowed: {string.Join(", ", Names)}";
        var text = value.Trim();
        return All[index].Kind switch
        {
            Kind.Delay when !DelaySpec.TryParse(text, out var spec) => $"'{value}' is not {DelaySpec.Forms}",
            Kind.Delay when name == "acceptDelay" && DelaySpecOf(text).Distribution is not (DelayDistribution.Fixed or DelayDistribution.Uniform)
                => $"'{value}' must be a fixed delay (200ms) or a range (100ms-300ms)",
            Kind.Duration when !ScenarioValues.TryParseDuration(text, out var duration) || duration < TimeSpan.Zero => $"'{value}' is not {ScenarioValues.DurationForms}",
            Kind.Percent when !Number(text, out var percent) || percent is < 0 or > 100 => $"'{value}' is not a percentage 0-100",
            Kind.Every when !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var every) || every < 1 => $"'{value}' is not a whole number of at least 1",
            Kind.Count when !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a whole number of at least 0",
            Kind.Status when !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is < 200 or > 599 => $"'{value}' is not an HTTP status 200-599",
            Kind.CloseCode when !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 1000 or > 4999 or 1004 or 1005 or 1006 or 1015
                => $"'{value}' is not a close code 1000-4999 (not 1004, 1005, 1006 or 1015)",
            Kind.CpuCost when !ScenarioValues.TryParseDuration(text, out var cost) || cost <= TimeSpan.Zero || cost > TimeSpan.FromSeconds(1)
                => $"'{value}' is not a duration above 0 and at most 1s (e.g. 2ms)",
            Kind.Seed when !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a whole number",
            _ => null,
        };
    }

    /// <summary>A plan in words, e.g. "reply delay 50–150 ms, corrupt 1%"; "no faults" for an empty plan.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parts = new List<string>();
        foreach (var (name, kind, words) in All)
        {
            if (!plan.TryGetValue(name, out var value))
                continue;
            parts.Add(kind switch
            {
                Kind.Delay => $"{words} {(DelaySpec.TryParse(value, out var spec) ? spec.Describe() : value)}",
                Kind.Percent => $"{words} {value.Trim()}%",
                _ => $"{words} {value.Trim()}",
            });
        }

        return parts.Count == 0 ? "no faults" : string.Join(", ", parts);
    }

    private static DelaySpec DelaySpecOf(string text) => DelaySpec.TryParse(text, out var spec) ? spec : new DelaySpec(DelayDistribution.Fixed, TimeSpan.Zero, TimeSpan.Zero);

    private static bool Number(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
