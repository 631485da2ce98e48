using HdrHistogram;
using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Reporting.Comparison;

/// <summary>A run.json to compare, with its whole-run histograms decoded once.</summary>
internal sealed record ComparedRun(string Label, RunResult Result, IReadOnlyDictionary<string, HistogramBase> Histograms)
{
    /// <summary>Decodes <paramref name="result"/>'s histograms; throws <see cref="InvalidDataException"/> naming one that is not a valid HDR histogram.</summary>
    public static ComparedRun From(string label, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var histograms = new Dictionary<string, HistogramBase>(StringComparer.Ordinal);
        foreach (var (name, encoded) in result.Histograms)
        {
            try
            {
                histograms[name] = HistogramCodec.Decode(encoded);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
            {
                throw new InvalidDataException($"histogram '{name}' is not a valid encoded HDR histogram ({exception.Message})", exception);
            }
        }

        return new ComparedRun(label, result, histograms);
    }

    public HistogramBase? Histogram(string name) => Histograms.TryGetValue(name, out var histogram) ? histogram : null;
}
