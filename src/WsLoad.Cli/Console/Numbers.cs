using System.Globalization;

namespace WsLoad.Cli.Console;

/// <summary>Number formats for console output: invariant culture always, so logs read the same on every machine.</summary>
internal static class Numbers
{
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds with precision that suits the magnitude: 0.042, 1.25, 12.3, 250.</summary>
    public static string Ms(double value) => value switch
    {
        < 1 => value.ToString("0.###", CultureInfo.InvariantCulture),
        < 10 => value.ToString("0.##", CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("#,0", CultureInfo.InvariantCulture),
    };

    public static string Ms(double? value) => value is { } ms ? Ms(ms) : "-";

    /// <summary>Whole numbers from 100/s up (the decimals are noise there), two decimals below.</summary>
    public static string Rate(double perSecond) =>
        perSecond.ToString(Math.Abs(perSecond) >= 100 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    public static string Decimal(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Elapsed time as m:ss (or h:mm:ss for long runs).</summary>
    public static string Clock(TimeSpan value) =>
        value.TotalHours >= 1
            ? value.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : value.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    public static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
