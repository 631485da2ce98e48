using WsLoad.Analysis.Facts;
using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>network</c> (see <see cref="RootCauseRules.NetworkBase"/>).</summary>
internal static class NetworkRule
{
    public const string Kind = "network";

    private static readonly FailureKind[] Kinds =
        [FailureKind.ConnectionTimeout, FailureKind.ConnectTimeout, FailureKind.ConnectionReset, FailureKind.ClosedAbnormally];

    public static Hypothesis? Evaluate(RootCauseContext context)
    {
        var count = context.Count(Kinds);
        if (count < RootCauseRules.MinFailures || context.PrimaryFailures == 0)
        {
            return null;
        }

        var share = (double)count / context.PrimaryFailures;
        if (share < RootCauseRules.DominantShare)
        {
            return null;
        }

        var byKind = string.Join(", ", Kinds.Where(k => context.Count(k) > 0).OrderByDescending(k => context.Count(k)).Select(k => $"{k.ToName()} × {Figures.Count(context.Count(k))}"));
        var hypothesis = new Hypothesis(
            Kind,
            $"the network between generator and server lost connections ({byKind})",
            RootCauseRules.NetworkBase,
            "timeouts, resets and abnormal closures (1006) dominate the failures, without server CPU saturation",
            serverSide: true)
        { AtSeconds = context.OnsetSeconds };

        hypothesis.For($"{Figures.Count(count)} of {Figures.Count(context.PrimaryFailures)} failures ({Figures.Percent(share)}) were timeouts, resets or 1006 closes");
        if (context.ServerCpuSampled && context.Cores is int cores)
        {
            var max = context.MaxServerCpuShare(0, context.Series.Count - 1) ?? 0;
            if (!ServerCpuSaturation.IsSaturated(max))
            {
                hypothesis.Adjust(0.15, $"server CPU stayed at most {Figures.Percent(max)} of {cores} cores");
            }
            else
            {
                hypothesis.Adjust(-0.2, $"server CPU reached {Figures.Percent(max)} of {cores} cores: the server may have dropped them");
            }
        }
        else
        {
            hypothesis.Against("server CPU not sampled: a busy server cannot be ruled out");
        }

        return hypothesis;
    }
}
