using WsLoad.Connections;
using WsLoad.Engine;

namespace WsLoad.Metrics;

/// <summary>
/// How connections end: the close handshake when this side closed (from our close frame to the connection's end, µs,
/// clean handshakes only) and every connection's lifetime (from its 101 to its close or drop, in milliseconds so that
/// a soak of days still fits). Thread-safe like <see cref="LatencyRecorder"/>.
/// </summary>
internal sealed class ConnectionEnds(TimeProvider time)
{
    public LatencyRecorder CloseHandshake { get; } = new();

    public LatencyRecorder Lifetime { get; } = new();

    /// <summary>Called once per connection as it ends (its session's timestamps are the run's TimeProvider's; <c>ClosedTimestamp</c> already set).</summary>
    public void Closed(ClientSession session, WsCloseInfo info)
    {
        if (session.OpenedTimestamp != 0)
        {
            Lifetime.Record((long)time.GetElapsedTime(session.OpenedTimestamp, session.ClosedTimestamp).TotalMilliseconds);
        }

        if (session.CloseStartedTimestamp != 0 && info.Initiator == WsCloseInitiator.Us && info.IsClean)
        {
            CloseHandshake.Record((long)(time.GetElapsedTime(session.CloseStartedTimestamp, session.ClosedTimestamp).Ticks / 10.0));
        }
    }

    /// <summary>Takes both histograms' interval into <paramref name="histograms"/>, named as <see cref="HistogramNames"/> name them.</summary>
    public void TakeInterval(Dictionary<string, HistogramCounts> histograms)
    {
        histograms[HistogramNames.CloseHandshake] = HistogramCounts.From(CloseHandshake.TakeInterval());
        histograms[HistogramNames.Lifetime] = HistogramCounts.From(Lifetime.TakeInterval());
    }
}
