namespace WsLoad.Scenarios;

public static partial class ScenarioValues
{
    /// <summary>
    /// The CLI's ramp shorthand: "linear:10s", "exponential:20s", "stepped:5x10s" (5 steps, each held 10 s),
    /// "burst" (all at once), "burst:1000/2s" (batches of 1000 every 2 s). A bare strategy keeps its defaults.
    /// </summary>
    public static bool TryParseRamp(string text, out RampOptions value)
    {
        value = new RampOptions();
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? trimmed : trimmed[..colon];
        var argument = colon < 0 ? null : trimmed[(colon + 1)..].Trim();
        if (!TryParseRampStrategy(name, out var strategy))
            return false;
        value = new RampOptions { Strategy = strategy };
        if (argument is null)
            return true;

        switch (strategy)
        {
            case RampStrategy.Linear or RampStrategy.Exponential:
                if (!TryParseDuration(argument, out var duration))
                    return false;
                value = value with { Duration = duration };
                return true;
            case RampStrategy.Stepped:
                return TryParseSteps(argument, ref value);
            default:
                return TryParseBatches(argument, ref value);
        }
    }

    /// <summary>"linear", "exponential", "stepped", "burst" in any case.</summary>
    internal static bool TryParseRampStrategy(string text, out RampStrategy strategy)
    {
        // By name only: Enum.TryParse would also take numbers and comma-joined names.
        var name = Enum.GetNames<RampStrategy>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        strategy = name is null ? default : Enum.Parse<RampStrategy>(name);
        return name is not null;
    }

    // "5x10s" or "5": step count, then the plateau.
    private static bool TryParseSteps(string argument, ref RampOptions value)
    {
        var x = argument.IndexOf('x', StringComparison.OrdinalIgnoreCase);
        var stepsText = x < 0 ? argument : argument[..x];
        if (!int.TryParse(stepsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var steps))
            return false;
        value = value with { Steps = steps };
        if (x < 0)
            return true;
        if (!TryParseDuration(argument[(x + 1)..], out var plateau))
            return false;
        value = value with { Plateau = plateau };
        return true;
    }

    // "1000/2s" or "1000": batch size, then the interval between batches.
    private static bool TryParseBatches(string argument, ref RampOptions value)
    {
        var slash = argument.IndexOf('/', StringComparison.Ordinal);
        var sizeText = slash < 0 ? argument : argument[..slash];
        if (!int.TryParse(sizeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var batch))
            return false;
        value = value with { BatchSize = batch };
        if (slash < 0)
            return true;
        if (!TryParseDuration(argument[(slash + 1)..], out var interval))
            return false;
        value = value with { Interval = interval };
        return true;
    }
}
