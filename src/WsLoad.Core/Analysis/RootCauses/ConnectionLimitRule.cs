using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>connection-limit</c> (see <see cref="RootCauseRules.ConnectionLimitBase"/>).</summary>
internal static class ConnectionLimitRule
{
    public const string Kind = "connection-limit";

    private static readonly FailureKind[] ServerConnectKinds =
        [FailureKind.UpgradeRejected, FailureKind.ConnectRefused, FailureKind.ConnectionReset, FailureKind.ConnectTimeout];

    public static Hypothesis? Evaluate(RootCauseContext context)
    {
        var series = context.Series;
        var firstRefusal = Enumerable.Range(0, series.Count).FirstOrDefault(i => series[i].ConnectsFailed > 0, -1);
        if (firstRefusal < 0)
        {
            return null;
        }

        // The plateau: the most connections open from the first refusal on, and what the plan wanted then.
        var after = Enumerable.Range(firstRefusal, series.Count - firstRefusal).ToList();
        var plateau = after.Max(i => series[i].OpenConnections);
        var wanted = after.Max(i => series[i].TargetConnections);
        if (wanted - plateau < RootCauseRules.ConnectionLimitMinExcess)
        {
            return null;
        }

        var classes = RefusalClasses(context);
        var refusals = classes.Where(c => ServerConnectKinds.Contains(c.Classification.Kind)).ToList();
        if (refusals.Count == 0)
        {
            return null;
        }

        var top = refusals[0];
        var failed = series.Sum(s => s.ConnectsFailed);
        var hypothesis = new Hypothesis(
            Kind,
            $"a connection limit at {Figures.Count(plateau)} connections: connects beyond it failed ({top.Classification.Class})",
            RootCauseRules.ConnectionLimitBase,
            "connects failed once the open connections reached a fixed count and none succeeded beyond it",
            serverSide: true)
        { AtSeconds = context.At(firstRefusal) };

        hypothesis.For($"open connections reached {Figures.Count(plateau)} while the plan wanted {Figures.Count(wanted)}; " +
            $"{Figures.Count(failed)} connects failed from {Figures.Seconds(context.At(firstRefusal))} on");
        var establishedAfter = series.Skip(firstRefusal + 1).Sum(s => s.ConnectsEstablished);
        if (establishedAfter == 0)
        {
            hypothesis.Adjust(0.2, $"no connect succeeded after the first failure at {Figures.Seconds(context.At(firstRefusal))}");
        }
        else
        {
            hypothesis.Against($"{Figures.Count(establishedAfter)} connects still succeeded after the first failure (drops and reconnects, or no hard limit)");
        }

        if (refusals.Count == 1 && refusals.Count == classes.Count)
        {
            hypothesis.Adjust(0.15, $"every connect failure was the same: {top.Classification.Class} × {Figures.Count(top.Count)}");
        }

        var local = context.Count(FailureKind.FileDescriptorExhaustion, FailureKind.PortExhaustion);
        if (local > 0)
        {
            hypothesis.Adjust(-0.3, $"{Figures.Count(local)} failures were the generator's own descriptors or ports running out: the limit may be local");
        }

        return hypothesis;
    }

    /// <summary>The connect-phase classes of the run, most first.</summary>
    private static List<FailureClassCount> RefusalClasses(RootCauseContext context) =>
    [
        .. context.Run.ErrorsByClass
            .Where(p => p.Key.StartsWith("connect-", StringComparison.Ordinal) || p.Key.StartsWith("upgrade-rejected-", StringComparison.Ordinal))
            .Select(p => new FailureClassCount { Classification = FailureTaxonomy.Classify(p.Key), Count = p.Value })
            .Where(c => c.Count > 0)
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Classification.Class, StringComparer.Ordinal),
    ];
}
