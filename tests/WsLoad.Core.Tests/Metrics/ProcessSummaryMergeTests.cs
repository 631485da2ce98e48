using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Tests.Metrics;

public sealed class ProcessSummaryMergeTests
{
    [Fact]
    public void Recovery_counts_add_and_the_mttr_is_the_mean_of_every_reconnect_not_the_mean_of_the_means()
    {
        // Process a reconnected once in 100 ms, b three times in 300 ms each: the mean of all four is 250 ms (the mean
        // of the two means would be 200 ms).
        var a = Final(new RecoverySummary { Policy = "immediate", Drops = 1, Reconnects = 1, ReconnectAttempts = 1, MessagesLost = 2 }, [100_000]);
        var b = Final(new RecoverySummary { Policy = "immediate", Drops = 3, Reconnects = 3, ReconnectAttempts = 4, ReconnectFailures = 1 }, [300_000, 300_000, 300_000]);
        var times = a.ReconnectTimes.Add(b.ReconnectTimes);

        var merged = ProcessSummaryMerge.Recovery([a, b], times)!;

        Assert.Equal(("immediate", 4L, 4L, 5L, 1L, 2L), (merged.Policy, merged.Drops, merged.Reconnects, merged.ReconnectAttempts, merged.ReconnectFailures, merged.MessagesLost));
        Assert.Equal(4, merged.ReconnectTimeMs!.Count);
        Assert.InRange(merged.MttrSeconds!.Value, 0.249, 0.251);
    }

    [Fact]
    public void Retry_counts_add_and_the_settings_are_the_scenarios()
    {
        var a = new ProcessFinalRecord { Retry = new RetrySummary { AfterMs = 500, MaxRetries = 3, Retransmissions = 4, MessagesRetried = 3, MessagesRecovered = 2, GaveUp = 1 } };
        var b = new ProcessFinalRecord { Retry = new RetrySummary { AfterMs = 500, MaxRetries = 3, Retransmissions = 1, MessagesRetried = 1, MessagesRecovered = 1, DuplicateAnswers = 1 } };

        var merged = ProcessSummaryMerge.Retry([a, b])!;

        Assert.Equal((500.0, 3, 5L, 4L, 3L, 1L, 1L), (merged.AfterMs, merged.MaxRetries, merged.Retransmissions, merged.MessagesRetried, merged.MessagesRecovered, merged.DuplicateAnswers, merged.GaveUp));
    }

    [Fact]
    public void One_process_keeps_its_own_blocks_and_none_gives_none()
    {
        var only = Final(new RecoverySummary { Drops = 1 }, [1_000]);

        Assert.Same(only.Recovery, ProcessSummaryMerge.Recovery([only], only.ReconnectTimes));
        Assert.Null(ProcessSummaryMerge.Recovery([new ProcessFinalRecord(), new ProcessFinalRecord()], HistogramCounts.Empty));
        Assert.Null(ProcessSummaryMerge.Retry([new ProcessFinalRecord(), new ProcessFinalRecord()]));
    }

    private static ProcessFinalRecord Final(RecoverySummary recovery, long[] reconnectMicros) => new()
    {
        Recovery = recovery,
        ReconnectTimes = HistogramCounts.From(HistogramCountsTests.Histogram(reconnectMicros)),
    };
}
