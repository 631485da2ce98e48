using System.Globalization;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Culture-invariant number formatting for evidence text.</summary>
internal static class Figures
{
    public static string N(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Seconds(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Ms(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture) + " ms";
}
