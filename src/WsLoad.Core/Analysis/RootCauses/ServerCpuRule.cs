using WsLoad.Analysis.Facts;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>server-cpu-saturated</c> (see <see cref="RootCauseRules.ServerCpuSaturatedShare"/>).</summary>
internal static class ServerCpuRule
{
    public const string Kind = "server-cpu-saturated";

    public static Hypothesis? Evaluate(RootCauseContext context)
    {
        if (context.OnsetIndex is not int onset || context.FirstServerCpuSaturated() is not int saturated || context.Cores is not int cores)
        {
            return null;
        }

        var cpu = context.Series[saturated].Server!.CpuPercent;
        var hypothesis = new Hypothesis(
            Kind,
            $"the server's CPU saturated: {Figures.N(cpu)}% of {cores} cores at {Figures.Seconds(context.At(saturated))}",
            0.5,
            "server CPU reached ≥ 90% of all cores when the failures or the latency rise began",
            serverSide: true)
        { AtSeconds = context.At(saturated) };

        var reached = $"server CPU {Figures.N(cpu)}% of {cores} cores ({Figures.Percent(cpu / (100.0 * cores))}) at {Figures.Seconds(context.At(saturated))}";
        var began = $"the trouble began at {Figures.Seconds(context.At(onset))}";
        var lead = context.At(onset) - context.At(saturated);
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
            var hot = failing.Count(i => ServerCpuSaturation.IsSaturated(context.ServerCpuShare(i)));
            var line = $"server CPU ≥ {Figures.Percent(RootCauseRules.ServerCpuSaturatedShare)} of the cores in {hot} of the {failing.Count} seconds with failures";
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
