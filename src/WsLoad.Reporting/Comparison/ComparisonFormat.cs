using System.Globalization;

namespace WsLoad.Reporting.Comparison;

/// <summary>How every comparison writer shows numbers: invariant culture, precision by unit, signed changes.</summary>
internal static class ComparisonFormat
{
    public static readonly string[] Headers = ["figure", "base", "new", "change", "relative", "verdict"];

    /// <summary>The six cells of the console and Markdown tables.</summary>
    public static string[] Cells(FigureComparison figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return [figure.Name, Value(figure.Base, figure.Unit), Value(figure.New, figure.Unit), Change(figure), Relative(figure), Verdict(figure.Verdict)];
    }

    public static string Value(double? value, string unit) =>
        value is { } v ? WithUnit(Number(v, unit), unit) : "-";

    public static string Change(FigureComparison figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.AbsoluteChange is { } change ? WithUnit(Sign(change) + Number(Math.Abs(change), figure.Unit), figure.Unit) : "-";
    }

    public static string Relative(FigureComparison figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure switch
        {
            { RelativeChange: { } relative } => Sign(relative) + Math.Abs(relative * 100).ToString("#,0.0", CultureInfo.InvariantCulture) + "%",
            { AbsoluteChange: > 0 or < 0 } => "from 0",
            _ => "-",
        };
    }

    public static string Interval(Interval? interval, string unit) =>
        interval is { } i ? $"{Number(i.Low, unit)}–{WithUnit(Number(i.High, unit), unit)}" : "-";

    public static string Verdict(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Regression => "REGRESSION",
        ChangeVerdict.Improvement => "improvement",
        ChangeVerdict.WithinNoise => "within noise",
        _ => "n/a",
    };

    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>The one-line verdict, e.g. <c>REGRESSION: rtt p99 +950.0% (1.2 ms -> 12.6 ms)</c>.</summary>
    public static string Summary(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var limit = $"threshold {Percent(comparison.Threshold)}, beyond noise";
        var improvements = comparison.Improvements.Count();
        var improved = improvements == 0 ? "" : $", {improvements} improvement{(improvements == 1 ? "" : "s")}";
        var regressions = comparison.Regressions.ToList();
        if (regressions.Count == 0)
        {
            return $"no regression ({limit}{improved})";
        }

        // One line: the first few regressions, in table order; the table has the rest.
        const int Shown = 3;
        var listed = string.Join("; ", regressions.Take(Shown).Select(f => $"{f.Name} {Relative(f)} ({Value(f.Base, f.Unit)} -> {Value(f.New, f.Unit)})"))
            + (regressions.Count > Shown ? $"; and {regressions.Count - Shown} more" : "");
        return $"REGRESSION: {listed} ({limit}{improved})";
    }

    private static string Number(double value, string unit) => value.ToString(
        unit switch
        {
            "ms" or "%" => "#,0.###",
            "" when value == Math.Floor(value) => "#,0",
            _ => "#,0.#",
        },
        CultureInfo.InvariantCulture);

    private static string WithUnit(string number, string unit) => unit switch
    {
        "" => number,
        "%" or "/s" => number + unit,
        _ => $"{number} {unit}",
    };

    private static string Sign(double value) => value > 0 ? "+" : value < 0 ? "-" : "";
}
