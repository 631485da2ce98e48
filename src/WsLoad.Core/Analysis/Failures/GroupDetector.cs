using WsLoad.Results;
using WsLoad.Scenarios;
using static System.FormattableString;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// Per-group patterns: one group failing far more than the others. Connections are grouped by ramp cohort and by source
/// address (from the kept failure events' connection ids), messages by type (from the per-type sent and received counts).
/// </summary>
internal static class GroupDetector
{
    public static IEnumerable<FailurePattern> Find(RunResult result)
    {
        var capped = result.FailureEventsDropped > 0;
        if (ConnectionGroups.RampCohorts(result.Scenario) is { } cohorts)
        {
            foreach (var pattern in ConnectionPatterns(Groupings.RampCohort, cohorts, result, capped))
            {
                yield return pattern;
            }

            if (ConnectionGroups.SourceAddresses(result.Scenario, cohorts.Length) is { } sources)
            {
                foreach (var pattern in ConnectionPatterns(Groupings.SourceAddress, sources, result, capped))
                {
                    yield return pattern;
                }
            }
        }

        foreach (var pattern in MessageTypePatterns(result))
        {
            yield return pattern;
        }
    }

    private static IEnumerable<FailurePattern> ConnectionPatterns(string grouping, string[] groupOfSlot, RunResult result, bool capped)
    {
        var tally = ConnectionGroups.Tally(groupOfSlot, result.FailureEvents);
        foreach (var (name, (size, failing, events)) in tally.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var otherSize = tally.Where(p => p.Key != name).Sum(p => p.Value.Size);
            var otherFailing = tally.Where(p => p.Key != name).Sum(p => p.Value.Failing);
            if (!FailsAlone(failing, size, otherFailing, otherSize, FailurePatternRules.MinGroupFailingConnections))
            {
                continue;
            }

            var kinds = events.GroupBy(e => FailureTaxonomy.Classify(e.Class).Kind)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).ToList();
            var start = Math.Floor(events.Min(e => e.AtSeconds));
            var score = Score(otherFailing == 0, failing >= 10)
                .Apply(capped, "failure events capped: the kept ones are the first (biased to early cohorts)", -0.3);
            yield return Pattern(grouping, name, start, Math.Ceiling(events.Max(e => e.AtSeconds)), failing, kinds, score, result,
                [
                    new("group-failing-connections", failing, "connections"),
                    new("group-connections", size, "connections"),
                    new("group-share", Share(failing, size), "ratio"),
                    new("others-failing-connections", otherFailing, "connections"),
                    new("others-connections", otherSize, "connections"),
                    new("others-share", Share(otherFailing, otherSize), "ratio"),
                    new("failure-events-kept", result.FailureEvents.Count, "failures"),
                    new("failure-events-not-kept", result.FailureEventsDropped, "failures"),
                ],
                Invariant($"{grouping} {name}: {failing} of {size} connections failed ({Share(failing, size):P1}) against {otherFailing} of {otherSize} in the others ({Share(otherFailing, otherSize):P1})"));
        }
    }

    private static IEnumerable<FailurePattern> MessageTypePatterns(RunResult result)
    {
        if (result.Scenario.Messages.Expect == ExpectMode.None || result.MessageTypes.Count < 2)
        {
            yield break;
        }

        var lost = result.MessageTypes.ToDictionary(p => p.Key, p => (Sent: p.Value.Sent, Lost: Math.Max(0, p.Value.Sent - p.Value.Received)), StringComparer.Ordinal);
        foreach (var (name, (sent, lostCount)) in lost.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var otherSent = lost.Where(p => p.Key != name).Sum(p => p.Value.Sent);
            var otherLost = lost.Where(p => p.Key != name).Sum(p => p.Value.Lost);
            if (!FailsAlone(lostCount, sent, otherLost, otherSent, FailurePatternRules.MinGroupLostMessages))
            {
                continue;
            }

            var score = Score(otherLost == 0, lostCount >= 10);
            yield return Pattern(Groupings.MessageType, name, 0, result.DurationSeconds, lostCount, [FailureKind.Loss], score, result,
                [
                    new("group-lost-messages", lostCount, "messages"),
                    new("group-sent-messages", sent, "messages"),
                    new("group-share", Share(lostCount, sent), "ratio"),
                    new("others-lost-messages", otherLost, "messages"),
                    new("others-sent-messages", otherSent, "messages"),
                    new("others-share", Share(otherLost, otherSent), "ratio"),
                ],
                Invariant($"message type {name}: {lostCount} of {sent} messages unanswered ({Share(lostCount, sent):P1}) against {otherLost} of {otherSent} for the other types ({Share(otherLost, otherSent):P1})"));
        }
    }

    /// <summary>Share ≥ 1%, at least <paramref name="minFailing"/>, and ≥ 5× the pooled share of the other groups.</summary>
    private static bool FailsAlone(long failing, long size, long otherFailing, long otherSize, long minFailing)
    {
        var share = Share(failing, size);
        return failing >= minFailing
            && share >= FailurePatternRules.MinGroupShare
            && share >= FailurePatternRules.GroupShareRatio * Share(otherFailing, otherSize);
    }

    private static ConfidenceScore Score(bool othersClean, bool tenOrMore) =>
        new ConfidenceScore("group failing alone", 0.6)
            .Apply(othersClean, "the other groups have no failure", 0.2)
            .Apply(tenOrMore, "10 or more failing", 0.1);

    private static FailurePattern Pattern(string grouping, string name, double start, double end, long size, IReadOnlyList<FailureKind> kinds,
        ConfidenceScore score, RunResult result, IReadOnlyList<EvidenceFigure> evidence, string summary) => new()
        {
            Id = "",
            Kind = FailurePatternKind.Group,
            StartSeconds = start,
            EndSeconds = end,
            Size = size,
            Kinds = kinds,
            Group = new FailureGroup(grouping, name),
            Evidence = evidence,
            Summary = summary,
            Confidence = score.Value,
            ConfidenceRules = score.Rules,
            LikelyCause = CauseFinder.Find(result.Events, start, start + 1),
        };

    private static double Share(long part, long whole) => whole <= 0 ? 0 : Math.Round(part / (double)whole, 4);
}
