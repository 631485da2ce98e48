using System.Globalization;
using WsLoad.Suites;

namespace WsLoad.Reporting.Suite;

/// <summary>The words and number forms the suite reports share.</summary>
internal static class SuiteText
{
    public static string Outcome(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Passed => "passed",
        ScenarioOutcome.Failed => "failed",
        ScenarioOutcome.Inconclusive => "could not tell",
        ScenarioOutcome.Interrupted => "interrupted",
        ScenarioOutcome.Skipped => "skipped",
        _ => "not applicable",
    };

    public static string Duration(double seconds) => seconds >= 60
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)}m{seconds % 60:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#}s");

    public static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "–";

    public static string Ms(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.##} ms") : "–";
}
