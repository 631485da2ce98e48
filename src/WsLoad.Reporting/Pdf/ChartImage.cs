using ScottPlot;
using WsLoad.Reporting.Model;

namespace WsLoad.Reporting.Pdf;

/// <summary>
/// Draws a <see cref="ChartSpec"/> as a PNG with ScottPlot, in the report's embedded font. Stateless; ScottPlot
/// plots are built per call, so concurrent calls are safe once <see cref="ReportFonts.EnsureRegistered"/> has run.
/// </summary>
internal static class ChartImage
{
    /// <summary>Logical size in pixels; rendered at <see cref="Scale"/>× for a sharp image at print size.</summary>
    public const int Width = 760;

    public const int Height = 400;

    private const float Scale = 2;

    /// <summary>Percentile ticks of the spectrum: the percentile and where it sits on the log axis.</summary>
    private static readonly double[] SpectrumTicks = [50, 90, 99, 99.9, 99.99, 99.999];

    private static readonly Color ThresholdColor = Color.FromHex("#C62828");
    private static readonly Color MarkerColor = Color.FromHex("#6A1B9A");

    public static byte[] Png(ChartSpec chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var plot = new Plot { ScaleFactor = Scale };
        plot.Font.Set(ReportFonts.Family);
        plot.Axes.Bottom.Label.Text = chart.XLabel;
        plot.Axes.Left.Label.Text = chart.YLabel;
        var percentile = chart.XAxis == ChartAxis.PercentileLog;
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        var maxX = 0.0;
        foreach (var series in chart.Series)
        {
            var xs = series.X.Select(x => percentile ? PercentileToAxis(x) : x).ToArray();
            var ys = series.Y.Select(y => y ?? double.NaN).ToArray();
            if (xs.Length == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(xs, ys, palette.GetColor(i++));
            line.LineWidth = 2;
            line.LegendText = series.Name;
            maxX = Math.Max(maxX, xs.Max());
        }

        foreach (var threshold in chart.Lines)
        {
            var line = plot.Add.HorizontalLine(threshold.Y, 1.5f, ThresholdColor, LinePattern.Dashed);
            line.LegendText = threshold.Label;
        }

        foreach (var same in chart.Markers.GroupBy(m => m.Label))
        {
            // Named in the legend with their times rather than on the plot: labels at the lines overlap and get clipped.
            // One entry per label, so a checkpoint that fires again and again does not fill the legend.
            var times = same.Select(m => m.X).ToList();
            for (var n = 0; n < times.Count; n++)
            {
                var line = plot.Add.VerticalLine(times[n], 1.5f, MarkerColor, LinePattern.Dotted);
                line.LegendText = n == 0 ? $"{Times(times)}: {same.Key}" : "";
            }
        }

        if (percentile)
        {
            PercentileTicks(plot, maxX);
        }

        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Top(chart));
        plot.Legend.FontSize = 11;
        // Outside the data area, so the legend never hides a peak.
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes((int)(Width * Scale), (int)(Height * Scale), ImageFormat.Png);
    }

    /// <summary>"6 s", "6, 10, 14 s", or the first five and how many more.</summary>
    private static string Times(List<double> times)
    {
        const int Shown = 5;
        var listed = string.Join(", ", times.Take(Shown).Select(t => ReportFormat.Number(t, "0.#"))) + " s";
        return times.Count > Shown ? $"{listed} and {times.Count - Shown} more" : listed;
    }

    /// <summary>x = log10(1 / (1 - p/100)): 90% at 1, 99% at 2, 99.9% at 3, ...</summary>
    internal static double PercentileToAxis(double percentile) => Math.Log10(1 / (1 - Math.Min(percentile, 99.99999) / 100));

    private static void PercentileTicks(Plot plot, double maxX)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var p in SpectrumTicks.Where(p => PercentileToAxis(p) <= Math.Max(maxX, PercentileToAxis(99.9)) + 0.01))
        {
            ticks.AddMajor(PercentileToAxis(p), ReportFormat.Number(p) + "%");
        }

        plot.Axes.Bottom.TickGenerator = ticks;
    }

    /// <summary>
    /// The y axis runs from zero (these are counts, rates and times) to a little above the highest value or threshold
    /// line, so no peak is cut off and every threshold stays in view.
    /// </summary>
    private static double Top(ChartSpec chart)
    {
        var values = chart.Series.SelectMany(s => s.Y).OfType<double>().Concat(chart.Lines.Select(l => l.Y)).Where(double.IsFinite).ToList();
        var top = values.Count == 0 ? 0 : values.Max();
        return top > 0 ? top * 1.08 : 1;
    }
}
