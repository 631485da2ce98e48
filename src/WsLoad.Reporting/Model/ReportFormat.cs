using System.Globalization;

namespace WsLoad.Reporting.Model;

/// <summary>
/// How every report writes numbers: the invariant culture always (a report is the same file on every machine), with
/// units spelled out. One place, so Markdown, HTML and PDF show a figure identically.
/// </summary>
public static class ReportFormat
{
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Milliseconds with precision that suits their size: 0.093 ms, 12.4 ms, 1,234 ms.</summary>
    public static string Ms(double value) => value switch
    {
        < 1 => Number(value, "0.###"),
        < 100 => Number(value, "0.##"),
        _ => Number(value, "#,0"),
    } + " ms";

    public static string Percent(double value) => value switch
    {
        >= 99.99 and < 100 => Number(value, "0.####"),
        _ => Number(value, "0.##"),
    } + "%";

    public static string Rate(double perSecond, string unit) => Number(perSecond, "#,0.#") + " " + unit + "/s";

    public static string Bytes(long value) => value switch
    {
        >= 1L << 30 => Number(value / (double)(1L << 30), "0.##") + " GiB",
        >= 1L << 20 => Number(value / (double)(1L << 20), "0.#") + " MiB",
        >= 1L << 10 => Number(value / (double)(1L << 10), "0.#") + " KiB",
        _ => Count(value) + " B",
    };

    public static string Seconds(double value) => Number(value, "0.#") + " s";
}
