using WsLoad.Analysis;
using WsLoad.Analysis.Failures;
using WsLoad.Analysis.RootCauses;
using WsLoad.Results;
using WsLoad.Tests.Analysis.Failures;

namespace WsLoad.Tests.Analysis.RootCauses;

/// <summary>
/// A server stall is read from an rtt spike, and rtt is timed by the generator: a spike the generator caused itself (a
/// GC pause, such as its heap compaction after the ramp) or a ramp's last connect burst weighs against a stall.
/// </summary>
public sealed class ServerStallRuleTests
{
    // rtt p99 10 ms a second, 100 ms in the spike's second (index 10, at 11 s): a rise of 90 ms.
    private static RunResult Spike(Func<IntervalSample, IntervalSample> spikeSecond, Func<IntervalSample, IntervalSample>? everySecond = null) =>
        new SyntheticRun().Seconds(20, (i, s) =>
        {
            s = everySecond is null ? s : everySecond(s);
            return i == 10 ? spikeSecond(s with { RttP99 = 100 }) : s;
        }).Build();

    private static GeneratorSample OnTime => new() { GcPauseMs = 1, ThreadPoolDelayMs = 0.5, SchedulingLagMs = 2 };

    [Fact]
    public void A_generator_that_ran_on_time_is_quoted_for_the_stall()
    {
        var stall = Stall(Spike(s => s with { Generator = OnTime }, s => s with { Generator = OnTime }));

        Assert.Contains(stall.Supporting, e => e.Contains("the generator ran on time in the peak second and the one before (longest thread-pool wait 0.5 ms, send-loop lag 2 ms; GC pauses 1 ms in total in a second)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_generator_pause_of_most_of_the_rise_lowers_the_stall_and_names_its_own_event()
    {
        var onTime = Stall(Spike(s => s with { Generator = OnTime }, s => s with { Generator = OnTime }));
        // A 60 ms pause (its heap compaction): the send loops were 60 ms late.
        var paused = Spike(s => s with { Generator = OnTime with { GcPauseMs = 60, SchedulingLagMs = 60 } }, s => s with { Generator = OnTime });
        paused = paused with
        {
            Events = [new RunEvent { AtSeconds = 10.4, Source = RunEventSource.Run, Kind = "heap-compacted", Description = "compacted", DurationSeconds = 0.055 }],
        };

        var stall = Stall(paused);

        Assert.True(stall.Confidence <= onTime.Confidence - RootCauseRules.StallGeneratorHoldUpPenalty + 0.001, $"{stall.Confidence} vs {onTime.Confidence}");
        Assert.Contains(stall.Contradicting, e => e.Contains("was itself held up by up to 60 ms in the peak second or the one before", StringComparison.Ordinal)
            && e.Contains("heap-compacted at 10.4 s (55 ms)", StringComparison.Ordinal)
            && e.Contains("that explains most of the rise", StringComparison.Ordinal));
    }

    [Fact]
    public void Many_short_generator_gcs_adding_up_are_quoted_but_not_taken_for_a_hold_up()
    {
        var stall = Stall(Spike(s => s with { Generator = OnTime with { GcPauseMs = 60 } }, s => s with { Generator = OnTime }));

        Assert.DoesNotContain(stall.Contradicting, e => e.Contains("held up", StringComparison.Ordinal));
        Assert.Contains(stall.Supporting, e => e.Contains("GC pauses 60 ms in total in a second", StringComparison.Ordinal));
    }

    [Fact]
    public void A_small_generator_pause_takes_off_half_as_much()
    {
        var onTime = Stall(Spike(s => s with { Generator = OnTime }, s => s with { Generator = OnTime }));
        var stall = Stall(Spike(s => s with { Generator = OnTime with { ThreadPoolDelayMs = 20 } }, s => s with { Generator = OnTime }));

        Assert.Equal(onTime.Confidence - (RootCauseRules.StallGeneratorHoldUpPenalty / 2), stall.Confidence, 3);
        Assert.Contains(stall.Contradicting, e => e.Contains("part of the rise is its own", StringComparison.Ordinal));
    }

    [Fact]
    public void A_spike_in_a_ramps_last_connect_burst_is_weighed_as_load_not_a_stall()
    {
        var plain = Stall(Spike(s => s, s => s with { OpenConnections = 10_000, TargetConnections = 10_000 }));
        var burst = Stall(Spike(s => s with { ConnectsEstablished = 2_000, Phase = "ramp-up" }, s => s with { OpenConnections = 10_000, TargetConnections = 10_000 }));

        Assert.Equal(plain.Confidence - RootCauseRules.StallConnectChurnPenalty, burst.Confidence, 3);
        Assert.Contains(burst.Contradicting, e => e.Contains("2,000 connections were opened in those seconds (20% of the 10,000 open)", StringComparison.Ordinal));
    }

    [Fact]
    public void Reconnects_in_the_hold_are_not_a_ramps_connect_burst()
    {
        var stall = Stall(Spike(s => s with { ConnectsEstablished = 2_000 }, s => s with { OpenConnections = 10_000, TargetConnections = 10_000 }));

        Assert.DoesNotContain(stall.Contradicting, e => e.Contains("connections were opened", StringComparison.Ordinal));
    }

    [Fact]
    public void A_steady_trickle_of_connects_is_not_a_burst()
    {
        var stall = Stall(Spike(s => s with { ConnectsEstablished = 50 }, s => s with { OpenConnections = 10_000, ConnectsEstablished = 50 }));

        Assert.DoesNotContain(stall.Contradicting, e => e.Contains("connections were opened", StringComparison.Ordinal));
    }

    [Fact]
    public void Replies_held_while_sends_went_on_count_for_the_stall()
    {
        var stall = Stall(Spike(s => s with { Received = 100 }));

        Assert.Contains(stall.Supporting, e => e.Contains("replies fell to 100 at 11 s while 1,000 were sent (+0.15)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ramp_up_second_with_fewer_connections_has_not_lost_its_replies()
    {
        // Seconds 8-11 ramp from 10 to 40 connections, sending and receiving 100 per connection; then 100 connections hold.
        var run = Spike(s => s, s => s).Series.Select((s, i) => i is >= 7 and <= 10 ? s with { OpenConnections = (i - 6) * 10, Sent = (i - 6) * 100, Received = (i - 6) * 100 } : s).ToList();

        var stall = Stall(new SyntheticRun().Build() with { Series = run });

        Assert.DoesNotContain(stall.Supporting, e => e.Contains("replies fell", StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_whose_own_gc_paused_through_the_spike_stalled_in_garbage_collection()
    {
        var plain = Stall(Spike(s => s, s => s with { Server = new ProcessSample { ProcessId = 9, GcPauseMs = 0 } }));
        var gc = Stall(Spike(s => s with { Server = new ProcessSample { ProcessId = 9, GcPauseMs = 95 } }, s => s with { Server = new ProcessSample { ProcessId = 9, GcPauseMs = 0 } }));

        Assert.StartsWith("the server stalled in garbage collection: rtt p99 jumped to 100 ms at 11 s", gc.Statement, StringComparison.Ordinal);
        Assert.Equal(plain.Confidence + RootCauseRules.StallServerGcBonus, gc.Confidence, 3);
        Assert.Contains(gc.Supporting, e => e.Contains("the server spent 95 ms paused in garbage collection in one of those seconds or the one before", StringComparison.Ordinal));
        Assert.DoesNotContain("garbage collection", plain.Statement, StringComparison.Ordinal);
        Assert.Contains(plain.Supporting, e => e.Contains("the server spent at most 0 ms a second paused in garbage collection then: not its GC", StringComparison.Ordinal));
    }

    [Fact]
    public void A_spike_only_while_the_generator_closes_its_connections_with_its_own_gc_is_not_pinned_on_the_server()
    {
        // As in a Node ws run: a steady hold, then the closing second's rtt p99 at 249 ms while the generator closed its
        // 10,000 connections with 142 ms of its own GC; its send loops had stopped, so they showed no lag.
        var run = new SyntheticRun()
            .Seconds(20, (_, s) => s with { OpenConnections = 10_000, Generator = OnTime })
            .Seconds(3, (i, s) => s with
            {
                Phase = "closing",
                OpenConnections = 10_000 - ((i - 19) * 3_000),
                Sent = 0,
                Received = 200,
                RttP99 = i == 21 ? 249 : 10,
                Generator = i == 21 ? OnTime with { GcPauseMs = 142 } : OnTime,
            })
            .Build();
        var inTheHold = Stall(Spike(s => s with { RttP99 = 249 }, s => s with { OpenConnections = 10_000, Generator = OnTime }));

        var stall = Stall(run);

        // Both penalties (closing and the GC hold-up) take the 0.45 a hold spike gets down to the floor.
        Assert.Equal(0.45, inTheHold.Confidence, 3);
        Assert.Equal(RootCauseRules.MinConfidence, stall.Confidence, 3);
        Assert.Contains(stall.Contradicting, e => e.StartsWith("every spike second came while the generator was closing its 10,000 connections (closing from 20 s)", StringComparison.Ordinal));
        Assert.Contains(stall.Contradicting, e => e.Contains("GC pauses 142 ms in total in a second", StringComparison.Ordinal) && e.Contains("that explains most of the rise", StringComparison.Ordinal));
        Assert.DoesNotContain(stall.Supporting, e => e.Contains("replies fell", StringComparison.Ordinal));
    }

    [Fact]
    public void A_closing_spike_is_left_out_when_the_hold_spiked_too()
    {
        var run = new SyntheticRun()
            .Seconds(20, (i, s) => s with { RttP99 = i == 10 ? 100 : 10 })
            .Seconds(2, (i, s) => s with { Phase = "closing", RttP99 = i == 21 ? 400 : 10 })
            .Build();

        var stall = Stall(run);

        Assert.StartsWith("the server stalled: rtt p99 jumped to 100 ms at 11 s", stall.Statement, StringComparison.Ordinal);
        Assert.DoesNotContain(stall.Contradicting, e => e.Contains("closing", StringComparison.Ordinal));
    }

    private static RootCause Stall(RunResult run) =>
        RootCauseRanker.Rank(run, FailureAnalysis.Analyze(run)).Single(c => c.Kind == ServerStallRule.Kind);
}
