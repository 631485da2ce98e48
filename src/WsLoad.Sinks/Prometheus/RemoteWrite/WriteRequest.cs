namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// The messages of the Prometheus remote-write 1.0 protocol (<c>prometheus.WriteRequest</c> and the three it holds),
/// as <see cref="WriteRequestEncoder"/> puts them on the wire. Only the fields WsLoad sends: no metadata, exemplars or
/// native histograms.
/// </summary>
/// <param name="Timeseries">Field 1: the series, each with its own labels and samples.</param>
internal sealed record WriteRequest(IReadOnlyList<TimeSeries> Timeseries)
{
    /// <summary>How many samples the request carries: what is counted as sent or dropped.</summary>
    public int SampleCount => Timeseries.Sum(series => series.Samples.Count);
}

/// <summary>One series: its labels (field 1, sorted by name, <c>__name__</c> among them) and its samples (field 2, oldest first).</summary>
internal sealed record TimeSeries(IReadOnlyList<SeriesLabel> Labels, IReadOnlyList<SeriesSample> Samples);

/// <summary>A label: name (field 1) and value (field 2).</summary>
internal readonly record struct SeriesLabel(string Name, string Value);

/// <summary>A sample: its value (field 1, a double) and its time in milliseconds since the Unix epoch (field 2, an int64).</summary>
internal readonly record struct SeriesSample(double Value, long TimestampMs);
