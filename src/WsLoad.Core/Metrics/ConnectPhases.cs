using System.Diagnostics;
using WsLoad.Connections;

namespace WsLoad.Metrics;

/// <summary>
/// Histograms of connection set-up, by phase: the whole connect (start to 101), TCP connect, TLS handshake, upgrade
/// (request to 101) and time to the first message after the upgrade. Thread-safe like <see cref="LatencyRecorder"/>.
/// </summary>
internal sealed class ConnectPhases
{
    public LatencyRecorder Total { get; } = new();

    public LatencyRecorder TcpConnect { get; } = new();

    public LatencyRecorder Tls { get; } = new();

    public LatencyRecorder Upgrade { get; } = new();

    public LatencyRecorder FirstMessage { get; } = new();

    public void Record(in ConnectTimings timings)
    {
        Total.Record(Micros(timings.Total));
        TcpConnect.Record(Micros(timings.TcpConnect));
        if (timings.Tls > TimeSpan.Zero)
        {
            Tls.Record(Micros(timings.Tls));
        }

        Upgrade.Record(Micros(timings.Upgrade));
    }

    /// <summary>Records the first message of a connection that opened at <paramref name="openTimestamp"/> (Stopwatch).</summary>
    public void RecordFirstMessage(long openTimestamp, long receivedTimestamp) =>
        FirstMessage.Record(Micros(Stopwatch.GetElapsedTime(openTimestamp, receivedTimestamp)));

    /// <summary>Takes every phase's interval into <paramref name="histograms"/>, named as <see cref="HistogramNames"/> name them.</summary>
    public void TakeInterval(Dictionary<string, HistogramCounts> histograms)
    {
        histograms[HistogramNames.Connect] = HistogramCounts.From(Total.TakeInterval());
        histograms[HistogramNames.TcpConnect] = HistogramCounts.From(TcpConnect.TakeInterval());
        histograms[HistogramNames.Tls] = HistogramCounts.From(Tls.TakeInterval());
        histograms[HistogramNames.Upgrade] = HistogramCounts.From(Upgrade.TakeInterval());
        histograms[HistogramNames.FirstMessage] = HistogramCounts.From(FirstMessage.TakeInterval());
    }

    private static long Micros(TimeSpan span) => (long)(span.Ticks / 10.0);
}
