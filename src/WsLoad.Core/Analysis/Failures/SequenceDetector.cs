using WsLoad.Results;
using static System.FormattableString;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// Sequences before drops: for each burst of dropped connections, the signals (<see cref="PrecursorSignal"/>) that rose
/// in the <see cref="FailurePatternRules.PrecursorWindowSeconds"/> s before it, in the order they rose, ending with the
/// drops — e.g. rtt p99 at 20 s → reply shortfall at 23 s → drops (close-1006-reset) at 26 s.
/// </summary>
internal static class SequenceDetector
{
    public static IEnumerable<FailurePattern> Find(FailureTimeline timeline, RunResult result)
    {
        var signals = PrecursorSignal.Of(result).ToList();
        foreach (var (drops, baseline) in BurstDetector.FindRuns(timeline.Drops))
        {
            var precursors = signals
                .Select(s => (Signal: s, Onset: s.OnsetBefore(drops.First, drops.Last, FailurePatternRules.PrecursorWindowSeconds)))
                .Where(p => p.Onset is not null)
                .OrderBy(p => p.Onset!.Value.Onset)
                .ThenBy(p => p.Signal.Name, StringComparer.Ordinal)
                .ToList();
            if (precursors.Count == 0)
            {
                continue;
            }

            var links = new List<ChainLink>();
            foreach (var (signal, onset) in precursors)
            {
                var (first, peak, signalBaseline) = onset!.Value;
                links.Add(Link(signal.Name, null, null, timeline.Starts[first], timeline.Ends[drops.First - 1], links, peak, signalBaseline.Median, signal.Unit));
            }

            var dropKinds = timeline.KindsIn(drops.First, drops.Last);
            var topClass = dropKinds.Count > 0 ? timeline.TopClassIn(dropKinds[0], drops.First, drops.Last) : null;
            links.Add(Link(ChainSignals.Drops, dropKinds.Count > 0 ? dropKinds[0] : null, topClass, timeline.Starts[drops.First], timeline.Ends[drops.Last], links, drops.Peak, baseline.Median, "connections"));

            var lead = links[^1].StartSeconds - links[0].StartSeconds;
            var score = new ConfidenceScore("sequence", 0.4)
                .Apply(true, "each precursor, up to 3 (+0.15)", 0.15 * Math.Min(3, precursors.Count))
                .Apply(lead >= 2, "first precursor leads by 2 s or more", 0.1);
            yield return new FailurePattern
            {
                Id = "",
                Kind = FailurePatternKind.Sequence,
                StartSeconds = links[0].StartSeconds,
                EndSeconds = links[^1].EndSeconds,
                Size = (long)drops.Total,
                Kinds = dropKinds,
                Chain = links,
                Evidence =
                [
                    new("drops", drops.Total, "connections"),
                    new("lead", lead, "seconds"),
                    .. links.Take(links.Count - 1).Select(l => new EvidenceFigure(l.Signal + "-peak", l.Peak, l.Unit)),
                    .. links.Take(links.Count - 1).Select(l => new EvidenceFigure(l.Signal + "-baseline", l.Baseline, l.Unit)),
                ],
                Summary = string.Join(" -> ", links.Select(Describe)),
                Confidence = score.Value,
                ConfidenceRules = score.Rules,
                LikelyCause = CauseFinder.Find(result.Events, links[0].StartSeconds, timeline.Ends[precursors[0].Onset!.Value.Onset]),
            };
        }
    }

    private static ChainLink Link(string signal, FailureKind? kind, string? topClass, double start, double end, List<ChainLink> previous, double peak, double baseline, string unit) => new()
    {
        Signal = signal,
        Kind = kind,
        TopClass = topClass,
        StartSeconds = start,
        EndSeconds = end,
        DelaySeconds = previous.Count == 0 ? 0 : Math.Round(start - previous[^1].StartSeconds, 3),
        Peak = Math.Round(peak, 3),
        Baseline = Math.Round(baseline, 3),
        Unit = unit,
    };

    private static string Describe(ChainLink link) =>
        link.Signal == ChainSignals.Drops
            ? Invariant($"{link.Peak:0}/s drops ({link.TopClass ?? "unclassified"}) at {link.StartSeconds:0.#} s")
            : Invariant($"{link.Signal} to {link.Peak:0.###} {link.Unit} (baseline {link.Baseline:0.###}) at {link.StartSeconds:0.#} s");
}
