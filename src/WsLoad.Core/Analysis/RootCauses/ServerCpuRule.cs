using WsLoad.Analysis.Facts;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>server-cpu-saturated</c> (see <see cref="RootCauseRules.ServerCpuSaturatedShare"/>).</summary>
internal static class ServerCpuRule
{
    public const string Kind = "server-cpu-saturated";

    public static Hypothesis? Evaluate(RootCauseContext context)
    {
        if (context.OnsetIndex is not int onset)
        {
            return null;
        }

        // On a machine it shares with the generator, the server is CPU-bound as soon as the machine is busy mostly with
        // it, whether or not its own share reached 90% yet: it had all the CPU it could get.
        var saturated = context.FirstServerCpuSaturated();
        var bound = context.Cores is int local
            ? Enumerable.Range(0, context.Series.Count).Where(i => MachineCpuUse.BusyWithServer(context.Series[i], local)).Cast<int?>().FirstOrDefault()
            : null;
        if ((saturated ?? bound) is null)
        {
            return null;
        }

        var first = Math.Min(saturated ?? int.MaxValue, bound ?? int.MaxValue);
        var at = saturated ?? first;
        var cpu = context.Series[at].Server!.CpuPercent ?? 0;
        if (ServerCpuSaturation.CoresOf(context.Series[at].Server!, context.Cores) is not int cores)
        {
            return null;
        }

        var busy = $"the machine {Figures.Percent(context.Series[first].Machine?.CpuPercent / 100 ?? 0)} busy at {Figures.Seconds(context.At(first))}, " +
            $"most of it the server's process ({Figures.N(context.Series[first].Server!.CpuPercent ?? 0)}% of {cores} cores)";
        var hypothesis = new Hypothesis(
            Kind,
            saturated is not null
                ? $"the server's CPU saturated: {Figures.N(cpu)}% of {cores} cores at {Figures.Seconds(context.At(at))}"
                : $"the server was CPU-bound on the machine it shares with the generator: {busy}",
            0.5,
            "server CPU reached ≥ 90% of all cores, or the machine was busy mostly with the server, when the failures or the latency rise began",
            serverSide: true)
        { AtSeconds = context.At(at) };

        var reached = saturated is null ? busy : $"server CPU {Figures.N(cpu)}% of {cores} cores ({Figures.Percent(cpu / (100.0 * cores))}) at {Figures.Seconds(context.At(at))}";
        if (saturated is not null && first < saturated)
        {
            reached = $"{busy}: CPU-bound from then, {reached}";
        }

        var began = $"the trouble began at {Figures.Seconds(context.At(onset))}";
        var lead = context.At(onset) - context.At(first);
        if (Math.Abs(lead) <= RootCauseRules.AlignmentSeconds)
        {
            hypothesis.Adjust(0.25, $"{reached}, when {began}");
        }
        else if (lead > 0)
        {
            hypothesis.Adjust(0.05, $"{reached}, {Figures.Seconds(lead)} before {began}");
        }
        else
        {
            hypothesis.Adjust(-0.25, $"{reached}, only {Figures.Seconds(-lead)} after {began}: more likely an effect");
        }

        var failing = context.FailingIndexes().ToList();
        if (failing.Count > 0)
        {
            var hot = failing.Count(i => ServerCpuSaturation.IsSaturated(context.ServerCpuShare(i)) || MachineCpuUse.BusyWithServer(context.Series[i], cores));
            var line = $"server CPU ≥ {Figures.Percent(RootCauseRules.ServerCpuSaturatedShare)} of the cores (or the machine busy mostly with the server) in {hot} of the {failing.Count} seconds with failures";
            if (2 * hot >= failing.Count)
            {
                hypothesis.Adjust(0.1, line);
            }
            else
            {
                hypothesis.Against(line);
            }
        }

        return hypothesis;
    }
}
