using WsLoad.Metrics;

namespace WsLoad.Results;

/// <summary>
/// The recovery and retry blocks of several processes' final records, merged: counts add, and the reconnect times are
/// read from the processes' histograms added together (so the MTTR is the mean of every reconnect, not of the means).
/// The policies are the scenario's, the same in every process. The service recovery is judged afterwards on the
/// merged series, as for one process.
/// </summary>
internal static class ProcessSummaryMerge
{
    public static RecoverySummary? Recovery(IReadOnlyList<ProcessFinalRecord> finals, HistogramCounts reconnectTimes)
    {
        var parts = finals.Select(f => f.Recovery).OfType<RecoverySummary>().ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        if (finals.Count == 1)
        {
            return parts[0];
        }

        var times = reconnectTimes.TotalCount == 0 ? null : LatencyStatistics.Summarize(reconnectTimes.ToHistogram());
        return new RecoverySummary
        {
            Policy = parts[0].Policy,
            MessageRecovery = parts[0].MessageRecovery,
            Drops = parts.Sum(p => p.Drops),
            ReconnectAttempts = parts.Sum(p => p.ReconnectAttempts),
            Reconnects = parts.Sum(p => p.Reconnects),
            ReconnectFailures = parts.Sum(p => p.ReconnectFailures),
            GaveUp = parts.Sum(p => p.GaveUp),
            ReconnectTimeMs = times,
            MttrSeconds = times is null ? null : Math.Round(times.Mean / 1000, 4),
            InFlightAtDrops = parts.Sum(p => p.InFlightAtDrops),
            MessagesResent = parts.Sum(p => p.MessagesResent),
            MessagesRecovered = parts.Sum(p => p.MessagesRecovered),
            MessagesLost = parts.Sum(p => p.MessagesLost),
        };
    }

    public static RetrySummary? Retry(IReadOnlyList<ProcessFinalRecord> finals)
    {
        var parts = finals.Select(f => f.Retry).OfType<RetrySummary>().ToList();
        if (parts.Count <= 1)
        {
            return parts.SingleOrDefault();
        }

        return parts[0] with
        {
            Retransmissions = parts.Sum(p => p.Retransmissions),
            MessagesRetried = parts.Sum(p => p.MessagesRetried),
            MessagesRecovered = parts.Sum(p => p.MessagesRecovered),
            DuplicateAnswers = parts.Sum(p => p.DuplicateAnswers),
            GaveUp = parts.Sum(p => p.GaveUp),
        };
    }
}
