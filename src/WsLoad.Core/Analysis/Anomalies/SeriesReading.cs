using System.Globalization;
using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Analysis.Anomalies;

/// <summary>Reads one <see cref="SeriesMetric"/> out of interval samples, turning counts into per-second rates.</summary>
internal static class SeriesReading
{
    public const string HoldPhase = PlanPhases.HoldName;

    /// <summary>The metric's value for sample <paramref name="index"/>; null when the second has no such figure.</summary>
    public static double? Read(IReadOnlyList<IntervalSample> series, int index, SeriesMetric metric)
    {
        var sample = series[index];
        var seconds = IntervalSeconds(series, index);
        return metric switch
        {
            SeriesMetric.Throughput => sample.Received / seconds,
            SeriesMetric.RttP50 => sample.RttP50,
            SeriesMetric.RttP99 => sample.RttP99,
            SeriesMetric.Errors => sample.Errors / seconds,
            SeriesMetric.ServerCpu => sample.Server?.CpuPercent,
            _ => null,
        };
    }

    /// <summary>The length of the interval sample <paramref name="index"/> covers (samples are about a second apart).</summary>
    public static double IntervalSeconds(IReadOnlyList<IntervalSample> series, int index)
    {
        var previous = index == 0 ? 0 : series[index - 1].AtSeconds;
        return Math.Max(0.001, series[index].AtSeconds - previous);
    }

    /// <summary>The metric's name in ids and evidence.</summary>
    public static string Name(SeriesMetric metric) => metric switch
    {
        SeriesMetric.Throughput => "throughput",
        SeriesMetric.RttP50 => "rtt-p50",
        SeriesMetric.RttP99 => "rtt-p99",
        SeriesMetric.Errors => "errors",
        _ => "server-cpu",
    };

    public static string Unit(SeriesMetric metric) => metric switch
    {
        SeriesMetric.Throughput => "msg/s",
        SeriesMetric.RttP50 or SeriesMetric.RttP99 => "ms",
        SeriesMetric.Errors => "errors/s",
        _ => "% of a core",
    };

    /// <summary>A figure for evidence text: culture-invariant, at most 3 decimals.</summary>
    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
