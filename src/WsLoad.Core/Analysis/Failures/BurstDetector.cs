using WsLoad.Results;
using static System.FormattableString;

namespace WsLoad.Analysis.Failures;

/// <summary>Temporal patterns: bursts of failures against the run's per-second baseline, and failures sustained over the whole run.</summary>
internal static class BurstDetector
{
    /// <summary>The elevated stretches of a per-second failure count (bursts before scoring); none in runs shorter than the baseline needs.</summary>
    public static List<(ElevatedRun Run, ElevationThreshold Baseline)> FindRuns(IReadOnlyList<double> perSecond)
    {
        if (perSecond.Count < FailurePatternRules.MinBaselineSeconds)
        {
            return [];
        }

        var median = RobustBaseline.MedianOf(perSecond);
        var baseline = ElevationThreshold.Of(perSecond, FailurePatternRules.K, FailurePatternRules.CountFloor(median));
        return ElevatedRun.Find(perSecond, i => baseline.IsElevated(perSecond[i]), FailurePatternRules.MaxGapSeconds)
            .Where(r => r.Total >= FailurePatternRules.MinBurstFailures)
            .Select(r => (r, baseline))
            .ToList();
    }

    public static IEnumerable<FailurePattern> Bursts(FailureTimeline timeline, IReadOnlyList<RunEvent> events)
    {
        foreach (var (run, baseline) in FindRuns(timeline.Totals))
        {
            var start = timeline.Starts[run.First];
            var end = timeline.Ends[run.Last];
            var seconds = run.Last - run.First + 1;
            var saturated = timeline.SaturatedIn(run.First, run.Last);
            var cause = CauseFinder.Find(events, start, timeline.Ends[run.First]);
            var score = new ConfidenceScore("burst", 0.5)
                .Apply(run.Peak >= 2 * baseline.Threshold, "peak at least twice the threshold", 0.2)
                .Apply(seconds >= 2, "lasts 2 s or more", 0.1)
                .Apply(cause is not null, "a fault event precedes it", 0.1)
                .Apply(saturated * 2 >= seconds, "generator saturated in half its seconds or more", -0.3);
            var kinds = timeline.KindsIn(run.First, run.Last);
            yield return new FailurePattern
            {
                Id = "",
                Kind = FailurePatternKind.Burst,
                StartSeconds = start,
                EndSeconds = end,
                Size = (long)run.Total,
                Kinds = kinds,
                Evidence =
                [
                    new("failures", run.Total, "failures"),
                    new("duration", end - start, "seconds"),
                    new("peak-per-second", run.Peak, "failures"),
                    new("baseline-median-per-second", baseline.Median, "failures"),
                    new("baseline-mad", baseline.Mad, "failures"),
                    new("threshold-per-second", Math.Round(baseline.Threshold, 3), "failures"),
                    new("generator-saturated-seconds", saturated, "seconds"),
                ],
                Summary = Invariant($"{run.Total:0} failures from {start:0.#} s to {end:0.#} s (peak {run.Peak:0}/s against a baseline of {baseline.Median:0.#}/s), mostly {KindList(kinds)}"),
                Confidence = score.Value,
                ConfidenceRules = score.Rules,
                LikelyCause = cause,
            };
        }
    }

    /// <summary>The baseline itself failing: failures in nearly every second, at a rate that matters against the operations.</summary>
    public static FailurePattern? Sustained(FailureTimeline timeline, RunResult result)
    {
        if (timeline.Count == 0)
        {
            return null;
        }

        var failingSeconds = timeline.Totals.Count(t => t > 0);
        var failures = timeline.Totals.Sum();
        var operations = (double)result.Series.Sum(s => s.ConnectsAttempted + s.Sent);
        var share = operations > 0 ? failures / operations : 1;
        if (failingSeconds < FailurePatternRules.SustainedSecondsShare * timeline.Count || share < FailurePatternRules.SustainedOperationsShare)
        {
            return null;
        }

        var start = timeline.Starts[0];
        var end = timeline.Ends[^1];
        var kinds = timeline.KindsIn(0, timeline.Count - 1);
        var score = new ConfidenceScore("sustained", 0.5)
            .Apply(true, "run length (0.4 x min(1, seconds/10))", 0.4 * Math.Min(1, timeline.Count / 10.0));
        return new FailurePattern
        {
            Id = "",
            Kind = FailurePatternKind.Sustained,
            StartSeconds = start,
            EndSeconds = end,
            Size = (long)failures,
            Kinds = kinds,
            Evidence =
            [
                new("failures", failures, "failures"),
                new("failing-seconds", failingSeconds, "seconds"),
                new("seconds", timeline.Count, "seconds"),
                new("median-per-second", RobustBaseline.MedianOf(timeline.Totals), "failures"),
                new("share-of-operations", Math.Round(share, 4), "ratio"),
            ],
            Summary = Invariant($"failures in {failingSeconds} of {timeline.Count} seconds ({failures:0} in all, {share:P1} of operations), mostly {KindList(kinds)}"),
            Confidence = score.Value,
            ConfidenceRules = score.Rules,
            LikelyCause = CauseFinder.Find(result.Events, start, timeline.Ends[0]),
        };
    }

    internal static string KindList(IReadOnlyList<FailureKind> kinds) =>
        kinds.Count == 0 ? "unclassified" : string.Join(", ", kinds.Take(3).Select(k => k.ToName()));
}
