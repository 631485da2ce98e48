using WsLoad.Results;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>server-stall</c> (see <see cref="RootCauseRules.StallLatencyRatio"/>).</summary>
internal static class ServerStallRule
{
    public const string Kind = "server-stall";

    public static Hypothesis? Evaluate(RootCauseContext context)
    {
        if (context.LatencySpikes.Count == 0)
        {
            return null;
        }

        var series = context.Series;
        var spikes = context.LatencySpikes;
        var peakIndex = spikes.OrderByDescending(i => series[i].RttP99).ThenBy(i => i).First();
        var median = LatencySpike.MedianRttP99(series);
        var rise = series[peakIndex].RttP99!.Value - median;
        var serverGc = Enumerable.Range(Math.Max(0, spikes[0] - 1), spikes[^1] - Math.Max(0, spikes[0] - 1) + 1).Select(i => series[i].Server?.GcPauseMs).Max();
        var inGc = serverGc is { } gcMs && gcMs >= RootCauseRules.StallGeneratorHoldUpMs && gcMs * 2 >= rise;
        var hypothesis = new Hypothesis(
            Kind,
            $"the server stalled{(inGc ? " in garbage collection" : "")}: rtt p99 jumped to {Figures.Ms(series[peakIndex].RttP99!.Value)} at {Figures.Seconds(context.At(peakIndex))} (median {Figures.Ms(median)})",
            RootCauseRules.ServerStallBase,
            "a service-time (rtt) spike of ≥ 5× the median p99 and ≥ 50 ms above it, without server CPU saturation",
            serverSide: true)
        { AtSeconds = context.At(spikes[0]) };

        hypothesis.For($"rtt p99 ≥ {Figures.N(RootCauseRules.StallLatencyRatio)}× the run's median ({Figures.Ms(median)}) in {spikes.Count} second(s) from {Figures.Seconds(context.At(spikes[0]))}, " +
            $"peak {Figures.Ms(series[peakIndex].RttP99!.Value)} at {Figures.Seconds(context.At(peakIndex))}");

        var window = Enumerable.Range(Math.Max(0, spikes[0] - 2), Math.Min(series.Count, spikes[^1] + 1) - Math.Max(0, spikes[0] - 2)).ToList();
        if (RepliesFell(series, window) is { } fell)
        {
            hypothesis.Adjust(0.15, fell);
        }

        if (serverGc is { } gc)
        {
            if (gc >= RootCauseRules.StallGeneratorHoldUpMs)
            {
                hypothesis.Adjust(RootCauseRules.StallServerGcBonus, $"the server's garbage collector paused it for up to {Figures.Ms(gc)} in one of those seconds (from its /stats)");
            }
            else
            {
                hypothesis.For($"the server's garbage collector paused it for at most {Figures.Ms(gc)} a second then: not its GC");
            }
        }

        GeneratorHoldUp(context, spikes, rise, hypothesis);
        ConnectChurn(context, spikes, hypothesis);

        var cpu = context.MaxServerCpuShare(window[0], window[^1]);
        if (cpu is double share && context.Cores is int cores)
        {
            var line = $"server CPU at most {Figures.Percent(share)} of {cores} cores around the spike";
            if (share >= RootCauseRules.ServerCpuSaturatedShare)
            {
                hypothesis.Adjust(-0.3, line + ": saturated, a CPU limit rather than a stall");
            }
            else
            {
                hypothesis.Adjust(0.15, line + ": no CPU rise");
            }
        }
        else
        {
            hypothesis.Against("server CPU not sampled: a CPU limit cannot be ruled out");
        }

        return hypothesis;
    }

    /// <summary>
    /// The first second of <paramref name="window"/> whose replies fell: under half of that second's sends (the server held
    /// them), or under half the run's median a second while as many connections were open as usual (a closed loop, whose
    /// sends wait for the replies). Not a ramp-up second that simply had fewer connections.
    /// </summary>
    private static string? RepliesFell(IReadOnlyList<IntervalSample> series, IReadOnlyList<int> window)
    {
        var medianReceived = LatencySpike.Median([.. series.Select(s => (double)s.Received).Order()]);
        var medianOpen = LatencySpike.Median([.. series.Select(s => (double)s.OpenConnections).Order()]);
        foreach (var i in window)
        {
            var second = series[i];
            if (second.Sent > 0 && second.Received <= RootCauseRules.ThroughputDropShare * second.Sent)
            {
                return $"replies fell to {Figures.Count(second.Received)} at {Figures.Seconds(second.AtSeconds)} while {Figures.Count(second.Sent)} were sent";
            }

            if (medianReceived > 0 && second.Received <= RootCauseRules.ThroughputDropShare * medianReceived && second.OpenConnections >= medianOpen)
            {
                return $"replies fell to {Figures.Count(second.Received)} at {Figures.Seconds(second.AtSeconds)} (median {Figures.N(medianReceived)} a second) with {Figures.Count(second.OpenConnections)} connections open";
            }
        }

        return null;
    }

    /// <summary>
    /// rtt is timed by the generator: when it was itself paused (a GC, a thread-pool wait, a late send loop) in the spike's
    /// seconds, replies waited in its own socket buffers and the rise is partly or wholly its own, not the server's.
    /// </summary>
    private static void GeneratorHoldUp(RootCauseContext context, IReadOnlyList<int> spikes, double rise, Hypothesis hypothesis)
    {
        var samples = spikes.Select(i => context.Series[i].Generator).OfType<GeneratorSample>().ToList();
        if (samples.Count == 0)
        {
            return;
        }

        var gc = samples.Max(g => g.GcPauseMs);
        var pool = samples.Max(g => g.ThreadPoolDelayMs);
        var lag = samples.Max(g => g.SchedulingLagMs);
        var holdUp = Math.Max(gc, Math.Max(pool, lag));
        var figures = $"GC pauses {Figures.Ms(gc)}, thread-pool wait {Figures.Ms(pool)}, send-loop lag {Figures.Ms(lag)}";
        if (holdUp < RootCauseRules.StallGeneratorHoldUpMs)
        {
            hypothesis.For($"the generator ran on time in those seconds ({figures})");
            return;
        }

        var from = spikes[0] == 0 ? 0 : context.At(spikes[0] - 1);
        var to = context.At(spikes[^1]);
        var ownEvents = context.Run.Events
            .Where(e => e.Source == RunEventSource.Run && e.AtSeconds >= from && e.AtSeconds <= to && e.DurationSeconds > 0)
            .Select(e => $"{e.Kind} at {Figures.Seconds(e.AtSeconds)} ({Figures.Ms(e.DurationSeconds!.Value * 1000)})")
            .ToList();
        var line = $"the generator, which times rtt, was itself held up in those seconds by up to {Figures.Ms(holdUp)} ({figures}" +
            (ownEvents.Count > 0 ? $"; {string.Join(", ", ownEvents)}" : "") + ")";
        if (holdUp * 2 >= rise)
        {
            hypothesis.Adjust(-RootCauseRules.StallGeneratorHoldUpPenalty, line + ": that explains most of the rise");
        }
        else
        {
            hypothesis.Adjust(-RootCauseRules.StallGeneratorHoldUpPenalty / 2, line + ": part of the rise is its own");
        }
    }

    /// <summary>
    /// Many connections opened in the spike's seconds (the last step of a ramp-up): their handshakes compete with the echoes
    /// on both sides, a burst of load rather than a server that stopped.
    /// </summary>
    private static void ConnectChurn(RootCauseContext context, IReadOnlyList<int> spikes, Hypothesis hypothesis)
    {
        var opened = spikes.Sum(i => context.Series[i].ConnectsEstablished);
        var open = spikes.Max(i => context.Series[i].OpenConnections);
        if (opened >= RootCauseRules.StallConnectChurnMin && opened >= RootCauseRules.StallConnectChurnShare * open)
        {
            hypothesis.Adjust(-RootCauseRules.StallConnectChurnPenalty,
                $"{Figures.Count(opened)} connections were opened in those seconds ({Figures.Percent((double)opened / Math.Max(1, open))} of the {Figures.Count(open)} open): " +
                "their handshakes competed with the replies, a burst of load rather than a stall");
        }
    }
}
