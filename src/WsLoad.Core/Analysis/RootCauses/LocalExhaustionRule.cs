using WsLoad.Analysis.Failures;

namespace WsLoad.Analysis.RootCauses;

/// <summary>Rule <c>local-resource-exhaustion</c> (see <see cref="RootCauseRules.LocalExhaustionBase"/>).</summary>
internal static class LocalExhaustionRule
{
    public const string Kind = "local-resource-exhaustion";

    public static Hypothesis? Evaluate(RootCauseContext context)
    {
        var files = context.Count(FailureKind.FileDescriptorExhaustion);
        var ports = context.Count(FailureKind.PortExhaustion);
        if (files + ports < RootCauseRules.MinFailures)
        {
            return null;
        }

        var what = (files > 0, ports > 0) switch
        {
            (true, true) => "file descriptors and source ports",
            (true, false) => "file descriptors (EMFILE)",
            _ => "source ports (EADDRNOTAVAIL)",
        };
        var hypothesis = new Hypothesis(
            Kind,
            $"the generator ran out of {what}: its own limits, not the server's",
            RootCauseRules.LocalExhaustionBase,
            "EMFILE / EADDRNOTAVAIL failures are the generator's limits, not the server",
            serverSide: false)
        { AtSeconds = context.OnsetSeconds };

        if (files > 0)
        {
            hypothesis.For($"{Figures.Count(files)} failures for lack of file descriptors");
        }

        if (ports > 0)
        {
            var range = context.Run.Environment.EphemeralPortRange is { } r ? $" (ephemeral port range {r})" : "";
            hypothesis.For($"{Figures.Count(ports)} failures for lack of source ports{range}");
        }

        var maxOpen = context.Series.Select(s => s.Generator?.OpenFiles ?? -1).DefaultIfEmpty(-1).Max();
        if (context.Run.Environment.OpenFileLimit is long limit && limit > 0 && maxOpen > 0)
        {
            var line = $"the generator had up to {Figures.Count(maxOpen)} files open of its limit {Figures.Count(limit)}";
            if (maxOpen >= RootCauseRules.OpenFilesNearLimitShare * limit)
            {
                hypothesis.Adjust(0.15, line);
            }
            else
            {
                hypothesis.For(line);
            }
        }

        return hypothesis;
    }
}
