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
        var hypothesis = new Hypothesis(
            Kind,
            $"the server stalled: rtt p99 jumped to {Figures.Ms(series[peakIndex].RttP99!.Value)} at {Figures.Seconds(context.At(peakIndex))} (median {Figures.Ms(median)})",
            RootCauseRules.ServerStallBase,
            "a service-time (rtt) spike of ≥ 5× the median p99 and ≥ 50 ms above it, without server CPU saturation",
            serverSide: true)
        { AtSeconds = context.At(spikes[0]) };

        hypothesis.For($"rtt p99 ≥ {Figures.N(RootCauseRules.StallLatencyRatio)}× the run's median ({Figures.Ms(median)}) in {spikes.Count} second(s) from {Figures.Seconds(context.At(spikes[0]))}, " +
            $"peak {Figures.Ms(series[peakIndex].RttP99!.Value)} at {Figures.Seconds(context.At(peakIndex))}");

        var received = series.Select(s => (double)s.Received).Order().ToList();
        var medianReceived = received.Count == 0 ? 0 : LatencySpike.Median(received);
        var window = Enumerable.Range(Math.Max(0, spikes[0] - 2), Math.Min(series.Count, spikes[^1] + 1) - Math.Max(0, spikes[0] - 2)).ToList();
        var dropIndex = window.Where(i => medianReceived > 0 && series[i].Received <= RootCauseRules.ThroughputDropShare * medianReceived).Cast<int?>().FirstOrDefault();
        if (dropIndex is int drop)
        {
            hypothesis.Adjust(0.15, $"replies fell to {Figures.Count(series[drop].Received)} at {Figures.Seconds(context.At(drop))} (median {Figures.N(medianReceived)} a second) while sends went on ({Figures.Count(series[drop].Sent)})");
        }

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
}
