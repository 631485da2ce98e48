using WsLoad.Analysis.Facts;
using WsLoad.Planning;
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
        // A spike while the generator closes its connections is weighed only when nothing else spiked: the load was
        // going away then, and the generator's own close work (and its GC) shares the seconds with the last replies.
        var spikes = context.LatencySpikes.Where(i => !IsClosing(series[i])).ToList() is { Count: > 0 } loaded ? loaded : context.LatencySpikes;
        var closing = IsClosing(series[spikes[0]]);
        var peakIndex = spikes.OrderByDescending(i => series[i].RttP99).ThenBy(i => i).First();
        var median = LatencySpike.MedianRttP99(series);
        var rise = series[peakIndex].RttP99!.Value - median;
        var serverGc = context.MaxServerGcPauseMs(Math.Max(0, spikes[0] - 1), spikes[^1]);
        // A total over the second (its longest pause is not known): named as the stall only when it covers the whole rise.
        var inGc = serverGc is { } gcMs && gcMs >= RootCauseRules.StallServerGcMs && gcMs >= rise;
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
            if (gc >= RootCauseRules.StallServerGcMs)
            {
                hypothesis.Adjust(RootCauseRules.StallServerGcBonus, $"the server spent {Figures.Ms(gc)} paused in garbage collection in one of those seconds or the one before (from its /stats)");
            }
            else
            {
                hypothesis.For($"the server spent at most {Figures.Ms(gc)} a second paused in garbage collection then: not its GC");
            }
        }

        if (closing)
        {
            Closing(context, spikes, hypothesis);
        }

        GeneratorHoldUp(context, peakIndex, rise, closing, hypothesis);
        ConnectChurn(context, spikes, hypothesis);

        var cpu = context.MaxServerCpuShare(window[0], window[^1]);
        if (cpu is double share && context.Cores is int cores)
        {
            var line = $"server CPU at most {Figures.Percent(share)} of {cores} cores around the spike";
            if (ServerCpuSaturation.IsSaturated(share))
            {
                hypothesis.Adjust(-0.3, line + ": saturated, a CPU limit rather than a stall");
            }
            else if (window.FirstOrDefault(i => MachineCpuUse.BusyWithServer(series[i], cores), -1) is var busy and >= 0)
            {
                hypothesis.Adjust(-0.3, line + $", but the machine was {Figures.Percent(series[busy].Machine!.CpuPercent / 100)} busy at {Figures.Seconds(context.At(busy))}, most of it the server's process: a CPU limit rather than a stall");
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
        var medianReceived = RobustBaseline.MedianOf([.. series.Select(s => (double)s.Received)]);
        var medianOpen = RobustBaseline.MedianOf([.. series.Select(s => (double)s.OpenConnections)]);
        foreach (var i in window)
        {
            var second = series[i];
            if (IsClosing(second))
            {
                continue; // connections are being closed: replies fall by design
            }

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

    /// <summary>Whether <paramref name="second"/> belongs to the ramp-down or the closing, when the generator closes its connections.</summary>
    private static bool IsClosing(IntervalSample second) => second.Phase is PlanPhases.RampDownName or PlanPhases.ClosingName;

    /// <summary>Every spike came while the generator closed its connections: their close handshakes and its GC, not the server, may explain it.</summary>
    private static void Closing(RootCauseContext context, IReadOnlyList<int> spikes, Hypothesis hypothesis)
    {
        var series = context.Series;
        var began = Enumerable.Range(0, spikes[0] + 1).First(i => IsClosing(series[i]));
        var open = began == 0 ? series[0].OpenConnections : series[began - 1].OpenConnections;
        hypothesis.Adjust(-RootCauseRules.StallClosingPenalty,
            $"every spike second came while the generator was closing its {Figures.Count(open)} connections ({series[spikes[0]].Phase} from {Figures.Seconds(began == 0 ? 0 : context.At(began - 1))}): " +
            "the last replies shared those seconds with its own close work, not a server under load");
    }

    /// <summary>
    /// rtt is timed by the generator: when it was itself held up (a GC, a thread-pool wait, a late send loop) in the
    /// peak second or the one before, replies waited in its own socket buffers and the rise is partly or wholly its own,
    /// not the server's. The thread-pool wait and the send-loop lag are single longest delays (a long GC pause shows in
    /// both: nothing runs during it); the GC figure is a total over the second, many short pauses adding up, so it is
    /// quoted but not weighed, except while the generator closes its connections (<paramref name="closing"/>): its send
    /// loops have stopped then, so the lag cannot show a pause, and the close work is what its GC collects.
    /// </summary>
    private static void GeneratorHoldUp(RootCauseContext context, int peakIndex, double rise, bool closing, Hypothesis hypothesis)
    {
        var first = Math.Max(0, peakIndex - 1);
        var samples = Enumerable.Range(first, peakIndex - first + 1).Select(i => context.Series[i].Generator).OfType<GeneratorSample>().ToList();
        if (samples.Count == 0)
        {
            return;
        }

        var gc = samples.Max(g => g.GcPauseMs);
        var pool = samples.Max(g => g.ThreadPoolDelayMs);
        var lag = samples.Max(g => g.SchedulingLagMs);
        var holdUp = closing ? Math.Max(gc, Math.Max(pool, lag)) : Math.Max(pool, lag);
        var figures = $"longest thread-pool wait {Figures.Ms(pool)}, send-loop lag {Figures.Ms(lag)}; GC pauses {Figures.Ms(gc)} in total in a second";
        if (holdUp < RootCauseRules.StallGeneratorHoldUpMs)
        {
            hypothesis.For($"the generator ran on time in the peak second and the one before ({figures})");
            return;
        }

        var from = first == 0 ? 0 : context.At(first - 1);
        var to = context.At(peakIndex);
        var ownEvents = context.Run.Events
            .Where(e => e.Source == RunEventSource.Run && e.DurationSeconds > 0 && e.AtSeconds <= to && e.AtSeconds + e.DurationSeconds >= from)
            .Select(e => $"{e.Kind} at {Figures.Seconds(e.AtSeconds)} ({Figures.Ms(e.DurationSeconds!.Value * 1000)})")
            .ToList();
        var line = $"the generator, which times rtt, was itself held up by up to {Figures.Ms(holdUp)} in the peak second or the one before ({figures}" +
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
        // Only the ramp-up's seconds and the one just after it (its last connects complete there): in the hold, a burst of
        // connects is reconnects after drops, an effect of the trouble rather than load that caused it.
        var series = context.Series;
        var opened = spikes.Where(i => series[i].Phase == PlanPhases.RampUpName || (i > 0 && series[i - 1].Phase == PlanPhases.RampUpName)).Sum(i => series[i].ConnectsEstablished);
        var open = spikes.Max(i => series[i].OpenConnections);
        if (opened >= RootCauseRules.StallConnectChurnMin && opened >= RootCauseRules.StallConnectChurnShare * open)
        {
            hypothesis.Adjust(-RootCauseRules.StallConnectChurnPenalty,
                $"{Figures.Count(opened)} connections were opened in those seconds ({Figures.Percent((double)opened / Math.Max(1, open))} of the {Figures.Count(open)} open): " +
                "their handshakes competed with the replies, a burst of load rather than a stall");
        }
    }
}
