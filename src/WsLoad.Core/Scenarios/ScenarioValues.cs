namespace WsLoad.Scenarios;

/// <summary>Parsers for the value forms scenarios and command-line flags share: durations, rates, sizes, ramps.</summary>
public static class ScenarioValues
{
    /// <summary>"500ms", "20s", "1m30s", "2h"; a bare number is seconds.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value) => throw new NotImplementedException(text + (value = default));

    /// <summary>"1/s", "100/m", "10000/s", "0.5/s"; a bare number is per second. Returns per-second rate.</summary>
    public static bool TryParseRate(string text, out double perSecond) => throw new NotImplementedException(text + (perSecond = default));

    /// <summary>"100", "1kb", "64-1024", "[64,128,256]" (bytes).</summary>
    public static bool TryParseSize(string text, out SizeSpec value) => throw new NotImplementedException(text + (value = SizeSpec.Fixed(0)));

    /// <summary>The CLI's ramp shorthand: "linear:10s", "exponential:20s", "stepped:5x10s", "burst", "burst:1000/2s".</summary>
    public static bool TryParseRamp(string text, out RampOptions value) => throw new NotImplementedException(text + (value = new RampOptions()));
}
