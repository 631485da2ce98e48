using WsLoad.Results;

namespace WsLoad.Reporting.Model;

/// <summary>
/// A run's connections told apart from its reconnects. run.json's <c>connections.attempted</c>, <c>.established</c> and
/// <c>.failed</c> count both (a reconnect is a connect too), so 2,000 connections of which 1,000 dropped and came back
/// would read "3,000/3,000 connected"; here the first connect of each connection and its reconnects are counted apart.
/// </summary>
/// <param name="Attempted">First connects started (each connection's first, not its reconnects).</param>
/// <param name="Established">First connects that got their 101.</param>
/// <param name="Failed">First connects that failed.</param>
/// <param name="ReconnectAttempts">Reconnect attempts started after drops.</param>
/// <param name="Reconnects">Reconnect attempts that got their 101.</param>
public sealed record ConnectionCounts(long Attempted, long Established, long Failed, long ReconnectAttempts, long Reconnects)
{
    public static ConnectionCounts Of(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var c = summary.Connections;
        var r = summary.Recovery;
        var attempts = r?.ReconnectAttempts ?? 0;
        var reconnects = r?.Reconnects ?? 0;
        var reconnectFailures = r?.ReconnectFailures ?? 0;
        return new(
            Math.Max(0, c.Attempted - attempts),
            Math.Max(0, c.Established - reconnects),
            Math.Max(0, c.Failed - reconnectFailures),
            attempts,
            reconnects);
    }

    /// <summary>"2,000/2,000 connected", then ", 1,000/1,000 reconnected" when anything reconnected or tried to.</summary>
    public string Headline =>
        $"{ReportFormat.Count(Established)}/{ReportFormat.Count(Attempted)} connected"
        + (ReconnectAttempts > 0 ? $", {Reconnected} reconnected" : "");

    /// <summary>"1,000/1,000": reconnects that got their 101, of those attempted.</summary>
    public string Reconnected => $"{ReportFormat.Count(Reconnects)}/{ReportFormat.Count(ReconnectAttempts)}";
}
