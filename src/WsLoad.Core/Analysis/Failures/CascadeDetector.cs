using WsLoad.Results;
using static System.FormattableString;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// Cascades: a burst of one failure kind followed, 1..<see cref="FailurePatternRules.CascadeWindowSeconds"/> s later, by
/// a burst of another, and so on (drop storm → reconnect surge → upgrades rejected with 503). Each kind's bursts are
/// found against its own baseline; a chain needs at least two links of different signals.
/// </summary>
internal static class CascadeDetector
{
    private sealed record SignalBurst(string Signal, FailureKind? Kind, ElevatedRun Run, ElevationThreshold Baseline);

    public static IEnumerable<FailurePattern> Find(FailureTimeline timeline, IReadOnlyList<RunEvent> events)
    {
        var bursts = SignalBursts(timeline)
            .OrderBy(b => b.Run.First)
            .ThenByDescending(b => b.Run.Total)
            .ThenBy(b => b.Signal, StringComparer.Ordinal)
            .ToList();
        var used = new HashSet<SignalBurst>();
        foreach (var root in bursts)
        {
            if (used.Contains(root))
            {
                continue;
            }

            var chain = new List<SignalBurst> { root };
            while (Next(bursts, chain, used, timeline) is { } next)
            {
                chain.Add(next);
            }

            if (chain.Count >= 2)
            {
                used.UnionWith(chain);
                yield return ToPattern(chain, timeline, events);
            }
        }
    }

    private static SignalBurst? Next(List<SignalBurst> bursts, List<SignalBurst> chain, HashSet<SignalBurst> used, FailureTimeline timeline)
    {
        var last = chain[^1];
        return bursts.FirstOrDefault(b =>
            !used.Contains(b)
            && chain.TrueForAll(c => c.Signal != b.Signal)
            && b.Run.First > last.Run.First
            && timeline.Starts[b.Run.First] - timeline.Starts[last.Run.First] <= FailurePatternRules.CascadeWindowSeconds);
    }

    private static IEnumerable<SignalBurst> SignalBursts(FailureTimeline timeline)
    {
        foreach (var (kind, perSecond) in timeline.ByKind.OrderBy(p => p.Key))
        {
            foreach (var (run, baseline) in BurstDetector.FindRuns(perSecond))
            {
                yield return new SignalBurst(kind.ToName(), kind, run, baseline);
            }
        }

        foreach (var (run, baseline) in BurstDetector.FindRuns(ReconnectAttempts(timeline.Series)))
        {
            yield return new SignalBurst(ChainSignals.ReconnectSurge, null, run, baseline);
        }
    }

    /// <summary>Connect attempts per second beyond the plan's growth in that second: re-opened connections.</summary>
    internal static double[] ReconnectAttempts(IReadOnlyList<IntervalSample> series)
    {
        var extra = new double[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            var planned = Math.Max(0, series[i].TargetConnections - (i == 0 ? 0 : series[i - 1].TargetConnections));
            extra[i] = Math.Max(0, series[i].ConnectsAttempted - planned);
        }

        return extra;
    }

    private static FailurePattern ToPattern(List<SignalBurst> chain, FailureTimeline timeline, IReadOnlyList<RunEvent> events)
    {
        var links = new List<ChainLink>();
        var longDelays = 0;
        for (var i = 0; i < chain.Count; i++)
        {
            var burst = chain[i];
            var start = timeline.Starts[burst.Run.First];
            var delay = i == 0 ? 0 : Math.Round(start - links[i - 1].StartSeconds, 3);
            longDelays += delay > FailurePatternRules.CascadeWindowSeconds / 2.0 ? 1 : 0;
            links.Add(new ChainLink
            {
                Signal = burst.Signal,
                Kind = burst.Kind,
                TopClass = burst.Kind is { } kind ? timeline.TopClassIn(kind, burst.Run.First, burst.Run.Last) : null,
                StartSeconds = start,
                EndSeconds = timeline.Ends[burst.Run.Last],
                DelaySeconds = delay,
                Peak = burst.Run.Peak,
                Baseline = burst.Baseline.Median,
                Unit = burst.Kind is null ? "attempts" : "failures",
            });
        }

        var first = links[0];
        var cause = CauseFinder.Find(events, first.StartSeconds, timeline.Ends[chain[0].Run.First]);
        var score = new ConfidenceScore("cascade of two", 0.5)
            .Apply(chain.Count > 2, "each link beyond two (+0.15)", 0.15 * (chain.Count - 2))
            .Apply(longDelays > 0, "each delay over half the window (-0.1)", -0.1 * longDelays)
            .Apply(cause is not null, "a fault event precedes it", 0.1);
        var failureLinks = chain.Where(c => c.Kind is not null).ToList();
        return new FailurePattern
        {
            Id = "",
            Kind = FailurePatternKind.Cascade,
            StartSeconds = first.StartSeconds,
            EndSeconds = links.Max(l => l.EndSeconds),
            Size = (long)failureLinks.Sum(c => c.Run.Total),
            Kinds = [.. failureLinks.OrderByDescending(c => c.Run.Total).ThenBy(c => c.Kind).Select(c => c.Kind!.Value).Distinct()],
            Chain = links,
            Evidence = [.. links.Select(l => new EvidenceFigure(l.Signal + "-delay", l.DelaySeconds, "seconds")),
                .. chain.Select(c => new EvidenceFigure(c.Signal + "-total", c.Run.Total, c.Kind is null ? "attempts" : "failures"))],
            Summary = string.Join(" -> ", links.Select(l => Invariant($"{l.TopClass ?? l.Signal} at {l.StartSeconds:0.#} s") + (l.DelaySeconds > 0 ? Invariant($" (+{l.DelaySeconds:0.#} s)") : ""))),
            Confidence = score.Value,
            ConfidenceRules = score.Rules,
            LikelyCause = cause,
        };
    }
}
