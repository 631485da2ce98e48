namespace WsLoad.Reporting.Model;

/// <summary>How a chart's x axis reads its values.</summary>
public enum ChartAxis
{
    /// <summary>Seconds since the run started, linear.</summary>
    Seconds,

    /// <summary>
    /// A percentile from 0 to 100, drawn on a log scale of 1 / (1 - p/100) so that 90, 99, 99.9 and 99.99 are evenly
    /// spaced (the usual latency-spectrum view); renderers label ticks as percentiles.
    /// </summary>
    PercentileLog,
}

/// <summary>One line of a chart. <see cref="Y"/> has an entry for every <see cref="X"/>; null where there is no data.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double?> Y);

/// <summary>A vertical mark at a moment of the run (time charts): an event such as a fault injected, labelled by its kind.</summary>
public sealed record ChartMarker(double X, string Label);

/// <summary>A horizontal reference line, e.g. a threshold of 50 ms on a latency chart.</summary>
public sealed record ChartLine(string Label, double Y);

/// <summary>
/// One chart of the reports, renderer-neutral: HTML draws it interactively, PDF as an image, from the same data.
/// <see cref="Id"/> is stable (for tests and anchors).
/// </summary>
public sealed record ChartSpec(
    string Id,
    string Title,
    ChartAxis XAxis,
    string XLabel,
    string YLabel,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<ChartLine> Lines)
{
    /// <summary>Moments to mark on a time chart (the run's events), so effects line up with their causes.</summary>
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    /// <summary>True when some series has at least one value.</summary>
    public bool HasData => Series.Any(s => s.Y.Any(y => y is not null));
}
