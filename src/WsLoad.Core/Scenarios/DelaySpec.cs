using System.Globalization;

namespace WsLoad.Scenarios;

/// <summary>The shape of a <see cref="DelaySpec"/>'s distribution.</summary>
public enum DelayDistribution
{
    /// <summary>Always <see cref="DelaySpec.First"/>.</summary>
    Fixed,

    /// <summary>Uniform in [<see cref="DelaySpec.First"/>, <see cref="DelaySpec.Second"/>].</summary>
    Uniform,

    /// <summary>Normal with mean <see cref="DelaySpec.First"/> and standard deviation <see cref="DelaySpec.Second"/>, clamped at zero.</summary>
    Normal,

    /// <summary>Exponential with mean <see cref="DelaySpec.First"/>.</summary>
    Exponential,
}

/// <summary>
/// A delay drawn from a distribution, written <c>25ms</c> (fixed), <c>10ms-40ms</c> (uniform), <c>normal:50ms/10ms</c>
/// (mean/standard deviation, clamped at zero) or <c>exp:20ms</c> (exponential with that mean). Shared by the server's
/// fault plan (flags, admin API) and the scenario's <c>serverFaults</c> section, so they accept the same text.
/// </summary>
public sealed record DelaySpec(DelayDistribution Distribution, TimeSpan First, TimeSpan Second)
{
    /// <summary>Forms a delay may take, for error messages.</summary>
    public const string Forms = "a delay like 25ms, a uniform range 10ms-40ms, normal:50ms/10ms (mean/stddev) or exp:20ms (mean)";

    /// <summary>The mean of the distribution (of the normal before clamping).</summary>
    public TimeSpan Mean => Distribution == DelayDistribution.Uniform ? (First + Second) / 2 : First;

    /// <summary>Parses one of the <see cref="Forms"/>; false (never throws) on anything else, or on a range written high to low.</summary>
    public static bool TryParse(string? text, out DelaySpec spec)
    {
        spec = new DelaySpec(DelayDistribution.Fixed, TimeSpan.Zero, TimeSpan.Zero);
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text.Trim();
        if (trimmed.StartsWith("normal:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = trimmed["normal:".Length..].Split('/');
            if (parts.Length != 2 || !Duration(parts[0], out var mean) || !Duration(parts[1], out var deviation))
                return false;
            spec = new DelaySpec(DelayDistribution.Normal, mean, deviation);
            return true;
        }

        if (trimmed.StartsWith("exp:", StringComparison.OrdinalIgnoreCase))
        {
            if (!Duration(trimmed["exp:".Length..], out var mean))
                return false;
            spec = new DelaySpec(DelayDistribution.Exponential, mean, TimeSpan.Zero);
            return true;
        }

        var dash = trimmed.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!Duration(trimmed, out var fixedDelay))
                return false;
            spec = new DelaySpec(DelayDistribution.Fixed, fixedDelay, fixedDelay);
            return true;
        }

        if (!Duration(trimmed[..dash], out var low) || !Duration(trimmed[(dash + 1)..], out var high) || high < low)
            return false;
        spec = low == high ? new DelaySpec(DelayDistribution.Fixed, low, low) : new DelaySpec(DelayDistribution.Uniform, low, high);
        return true;
    }

    /// <summary>The text form <see cref="TryParse"/> reads back, e.g. <c>10ms-40ms</c>.</summary>
    public override string ToString() => Distribution switch
    {
        DelayDistribution.Uniform => $"{Text(First)}-{Text(Second)}",
        DelayDistribution.Normal => $"normal:{Text(First)}/{Text(Second)}",
        DelayDistribution.Exponential => $"exp:{Text(First)}",
        _ => Text(First),
    };

    /// <summary>In words for events and logs, e.g. "50–150 ms" or "normal, mean 50 ms, sd 10 ms".</summary>
    public string Describe() => Distribution switch
    {
        DelayDistribution.Uniform => $"{Ms(First)}–{Ms(Second)} ms",
        DelayDistribution.Normal => $"normal, mean {Ms(First)} ms, sd {Ms(Second)} ms",
        DelayDistribution.Exponential => $"exponential, mean {Ms(First)} ms",
        _ => $"{Ms(First)} ms",
    };

    /// <summary>A duration as milliseconds text (<c>12.5ms</c>), which <see cref="ScenarioValues.TryParseDuration"/> reads back.</summary>
    internal static string Text(TimeSpan value) => Ms(value) + "ms";

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static bool Duration(string text, out TimeSpan value) =>
        ScenarioValues.TryParseDuration(text, out value) && value >= TimeSpan.Zero;
}
