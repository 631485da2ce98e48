using WsLoad.Checkpoints;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Checkpoints;

/// <summary>The judge over synthetic seconds: windows, <c>for</c>, <c>after</c>, flags, and the highest healthy level.</summary>
public class CheckpointJudgeTests
{
    [Fact]
    public void A_windowed_p99_fires_once_the_slow_replies_reach_one_percent_of_the_window_and_clears_when_they_leave_it()
    {
        var judge = new CheckpointJudge([new CheckpointOptions { Name = "slow", When = "rtt.p99[3s] > 500ms", Action = CheckpointAction.Abort }]);
        var fired = new List<(int Second, bool Fired)>();

        // 100 replies a second; in seconds 5 to 7, 2 of them slow (600 ms).
        for (var second = 1; second <= 12; second++)
        {
            var slow = second is >= 5 and < 8 ? 2 : 0;
            foreach (var transition in judge.Judge(Second(second, rtt: Rtt(fastMs: 2, fast: 100 - slow, slowMs: 600, slow: slow))))
            {
                fired.Add((second, transition.Fired));
            }
        }

        // The p99 of 300 replies is the 297th: it is slow once 4 of them are (seconds 5 and 6 in the window), so it fires
        // at 6; it clears at 9, when the window (6, 9] holds only second 7's 2.
        Assert.Equal([(6, true), (9, false)], fired);
        var summary = judge.Summarize()!.Items.Single();
        Assert.Equal((1, 6.0, 3, 12), (summary.Fired, summary.FirstFiredSeconds, summary.SecondsHeld, summary.SecondsJudged));
        Assert.Equal(600, summary.WorstValue);
        Assert.Equal("ms", summary.Unit);
    }

    [Fact]
    public void A_for_duration_waits_that_many_consecutive_seconds_and_a_gap_starts_it_again()
    {
        var judge = new CheckpointJudge([new CheckpointOptions { When = "generator.saturated for 3s", Action = CheckpointAction.Mark }]);
        var saturated = new[] { true, true, false, true, true, true, true, false };
        var transitions = saturated.Select((s, i) => judge.Judge(Second(i + 1, saturated: s))).ToList();

        Assert.Equal([6, 8], transitions.Select((t, i) => (t, Second: i + 1)).Where(x => x.t.Count > 0).Select(x => x.Second));
        Assert.True(transitions[5].Single().Fired);
        Assert.False(transitions[7].Single().Fired);
        Assert.Equal(2, judge.Summarize()!.Items.Single().SecondsHeld);
    }

    [Fact]
    public void A_count_without_a_window_is_the_runs_total_so_far()
    {
        var judge = new CheckpointJudge([new CheckpointOptions { When = "connections.dropped > 100", Action = CheckpointAction.Alert }]);

        var seconds = Enumerable.Range(1, 5).Select(s => judge.Judge(Second(s, dropped: 30))).ToList();

        Assert.Equal([0, 0, 0, 1, 0], seconds.Select(t => t.Count)); // 120 > 100 at the 4th second
        Assert.Equal(120, seconds[3].Single().Value);
    }

    [Fact]
    public void A_checkpoint_is_not_judged_before_its_after_delay()
    {
        var judge = new CheckpointJudge([new CheckpointOptions { When = "errors.rate[2s] > 1%", Action = CheckpointAction.Abort, After = TimeSpan.FromSeconds(3) }]);

        var first = Enumerable.Range(1, 4).Select(s => judge.Judge(Second(s, attempted: 10, failed: 5))).ToList();

        Assert.Equal([0, 0, 1, 0], first.Select(t => t.Count));
        Assert.Equal(2, judge.Summarize()!.Items.Single().SecondsJudged);
    }

    [Fact]
    public void The_highest_healthy_level_is_the_most_open_at_the_end_of_a_second_without_a_pause_ramp_condition()
    {
        var judge = new CheckpointJudge([new CheckpointOptions { When = "connections.failed[1s] > 0", Action = CheckpointAction.PauseRamp }]);
        (long Open, long Failed)[] seconds = [(100, 0), (200, 0), (250, 20), (250, 0), (250, 5), (240, 0)];

        for (var i = 0; i < seconds.Length; i++)
        {
            _ = judge.Judge(Second(i + 1, open: seconds[i].Open, attempted: 50, failed: seconds[i].Failed));
        }

        var summary = judge.Summarize()!;
        Assert.Equal(250, summary.HighestHealthyLevel);
        Assert.Equal(4, summary.HighestHealthyAtSeconds);
        Assert.Equal(2, summary.Items.Single().Fired);
    }

    [Fact]
    public void Without_a_pause_ramp_checkpoint_there_is_no_healthy_level()
    {
        var judge = new CheckpointJudge([new CheckpointOptions { When = "connections.open > 5", Action = CheckpointAction.Mark }]);
        _ = judge.Judge(Second(1, open: 10));

        Assert.Null(judge.Summarize()!.HighestHealthyLevel);
    }

    private static IntervalSnapshot Second(int second, HistogramCounts? rtt = null, bool saturated = false, long dropped = 0, long attempted = 0, long failed = 0, long open = 0) => new()
    {
        Index = second - 1,
        StartSeconds = second - 1,
        EndSeconds = second,
        OpenConnections = open,
        Counters = new SnapshotCounters { Dropped = dropped, ConnectsAttempted = attempted, ConnectsFailed = failed, ConnectsEstablished = attempted - failed },
        Histograms = rtt is null ? new Dictionary<string, HistogramCounts>() : new Dictionary<string, HistogramCounts> { [HistogramNames.Rtt] = rtt },
        Processes = [new ProcessHealth { Generator = new GeneratorSample { Saturated = saturated } }],
    };

    private static HistogramCounts Rtt(long fastMs, long fast, long slowMs, long slow) =>
        slow == 0 ? HistogramCounts.Create([fastMs * 1000], [fast]) : HistogramCounts.Create([fastMs * 1000, slowMs * 1000], [fast, slow]);
}
