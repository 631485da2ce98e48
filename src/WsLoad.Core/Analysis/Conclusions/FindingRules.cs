using WsLoad.Analysis.Anomalies;
using WsLoad.Analysis.Facts;
using WsLoad.Analysis.Failures;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Analysis.Conclusions;

/// <summary>
/// The findings of a run (<see cref="FindingIds"/>), from run.json and its <see cref="RunFacts"/>: connections,
/// delivery, latency, throughput against the plan, resources. The order is by severity, stable within one.
/// </summary>
internal static class FindingRules
{
    /// <summary>Response time counts as far above the service time past this ratio of their p99.9 …</summary>
    public const double ResponseOverServiceRatio = 2;

    /// <summary>… and this many ms between them.</summary>
    public const double ResponseOverServiceMinMs = 10;

    public static IReadOnlyList<Finding> Of(RunResult run, RunFacts facts)
    {
        var findings = new List<Finding>();
        Connections(run, findings);
        Delivery(run, findings);
        Fanout(run, findings);
        Latency(run, facts, findings);
        Throughput(run, findings);
        Resources(run, facts, findings);
        return [.. findings.OrderBy(f => f.Severity)];
    }

    private static void Connections(RunResult run, List<Finding> findings)
    {
        var c = run.Summary.Connections;
        if (c.Attempted == 0)
        {
            findings.Add(New(FindingIds.NoConnections, FindingSeverity.Problem, F("attempted", 0, "connections")));
            return;
        }

        if (c.Failed == 0)
        {
            findings.Add(New(FindingIds.ConnectionsOpened, FindingSeverity.Good, F("established", c.Established, "connections"), F("peak", c.Peak, "connections"), F("connect-rate", c.ConnectRatePerSec, "connections/s")));
        }
        else
        {
            var failed = New(FindingIds.ConnectionsFailed, FindingSeverity.Problem, F("failed", c.Failed, "connections"), F("attempted", c.Attempted, "connections"), F("failed-percent", 100.0 * c.Failed / c.Attempted, "%"));
            findings.Add(failed with { Breakdown = TopClasses(run, "connect-") });
        }

        if (c.Dropped > 0)
        {
            findings.Add(New(FindingIds.ConnectionsDropped, FindingSeverity.Problem, F("dropped", c.Dropped, "connections")) with { Breakdown = TopClasses(run, "close-") });
        }

        if (run.Summary.Availability is { OverallPercent: < 100 } availability)
        {
            findings.Add(New(FindingIds.AvailabilityShort, FindingSeverity.Warning, F("availability-percent", availability.OverallPercent, "%")));
        }
    }

    private static void Delivery(RunResult run, List<Finding> findings)
    {
        var m = run.Summary.Messages;
        if (m.Sent == 0)
        {
            return;
        }

        if (m.Lost + m.Corrupted + m.OutOfOrder + m.Duplicated + m.Late == 0)
        {
            if (run.Summary.Fanout is not null)
            {
                return; // nothing comes back in a broadcast: its deliveries are the fan-out's findings
            }

            findings.Add(run.Scenario.Messages.Expect == ExpectMode.None
                ? New(FindingIds.MessagesCounted, FindingSeverity.Good, F("sent", m.Sent, "messages"), F("received", m.Received, "messages"))
                : New(FindingIds.DeliveryIntact, FindingSeverity.Good, F("sent", m.Sent, "messages")));
        }
        else
        {
            findings.Add(New(FindingIds.DeliveryFailed, FindingSeverity.Problem, F("sent", m.Sent, "messages"), F("lost", m.Lost, "messages"), F("corrupted", m.Corrupted, "messages"),
                F("out-of-order", m.OutOfOrder, "messages"), F("duplicated", m.Duplicated, "messages"), F("late", m.Late, "messages")));
        }

        if (run.Summary.Retry is { MessagesRetried: > 0 } retry)
        {
            findings.Add(New(FindingIds.MessagesRetried, FindingSeverity.Warning, F("retried", retry.MessagesRetried, "messages"), F("after-ms", retry.AfterMs, "ms"),
                F("retransmissions", retry.Retransmissions, "messages"), F("recovered", retry.MessagesRecovered, "messages"), F("gave-up", retry.GaveUp, "messages"),
                F("duplicate-answers", retry.DuplicateAnswers, "messages")));
        }
    }

    /// <summary>A broadcast: did every subscriber due a message get it, and how fast.</summary>
    private static void Fanout(RunResult run, List<Finding> findings)
    {
        if (run.Summary.Fanout is not { Due: > 0 } f)
        {
            return;
        }

        // By the second the messages were published: where the reach first fell short, and where it was worst.
        var shortSeconds = run.Series.Where(s => s.FanoutDue is > 0 && s.FanoutDelivered < s.FanoutDue).ToList();
        if (f.Missing == 0 || shortSeconds.Count == 0)
        {
            findings.Add(New(FindingIds.FanoutReachedAll, FindingSeverity.Good, F("published", f.Published, "messages"), F("due", f.Due, "deliveries")));
        }
        else
        {
            static double Reach(IntervalSample s) => 100.0 * s.FanoutDelivered!.Value / s.FanoutDue!.Value;
            var worst = shortSeconds.MinBy(Reach)!;
            findings.Add(New(FindingIds.FanoutMissing, FindingSeverity.Problem, F("published", f.Published, "messages"), F("due", f.Due, "deliveries"), F("missing", f.Missing, "deliveries"),
                F("reach-percent", f.ReachPercent ?? 0, "%"), F("min-reach-percent", f.MinMessageReachPercent ?? 0, "%"),
                F("first-at-seconds", shortSeconds[0].AtSeconds, "s"), F("worst-at-seconds", worst.AtSeconds, "s"), F("worst-second-reach-percent", Reach(worst), "%")));
        }

        var (knee, early) = RootCauses.LatencyKnee.Find(run.Series, s => s.FanoutP99);
        if (knee is int k && early is double earlyP99)
        {
            var at = run.Series[k];
            findings.Add(New(FindingIds.FanoutFellBehind, FindingSeverity.Warning, F("at-seconds", at.AtSeconds, "s"), F("p99-ms", at.FanoutP99!.Value, "ms"),
                F("early-p99-ms", earlyP99, "ms"), F("open-connections", at.OpenConnections, "connections"), F("received-per-second", at.Received, "msg/s")));
        }
        if (f.LatencyMs is { Count: > 0 } latency)
        {
            findings.Add(New(FindingIds.FanoutLatency, FindingSeverity.Good, F("p50-ms", latency.P50, "ms"), F("p99-ms", latency.P99, "ms"), F("p999-ms", latency.P999, "ms"),
                F("deliveries", latency.Count, "deliveries"), F("complete-p99-ms", f.CompleteMs?.P99 ?? 0, "ms")));
        }
    }

    private static void Latency(RunResult run, RunFacts facts, List<Finding> findings)
    {
        var l = run.Summary.LatencyMs;
        if (l.Rtt is not { Count: > 0 } rtt)
        {
            return;
        }

        findings.Add(New(FindingIds.ServiceTime, FindingSeverity.Good, F("p50-ms", rtt.P50, "ms"), F("p99-ms", rtt.P99, "ms"), F("p999-ms", rtt.P999, "ms"), F("round-trips", rtt.Count, "messages")));
        if (l.Response is { Count: > 0 } response && response.P999 > ResponseOverServiceRatio * rtt.P999 && response.P999 - rtt.P999 > ResponseOverServiceMinMs)
        {
            EvidenceFigure[] figures =
            [
                F("response-p999-ms", response.P999, "ms"), F("service-p999-ms", rtt.P999, "ms"), F("ratio", response.P999 / rtt.P999, "ratio"),
                F("missed-sends", run.Summary.Messages.MissedSends, "messages"),
            ];

            // Retried messages keep their first intended time, so their wait for a retry is response time too.
            findings.Add(run.Summary.Retry is { MessagesRetried: > 0 } retry
                ? New(FindingIds.ResponseTimeRetries, FindingSeverity.Warning, [.. figures, F("retried", retry.MessagesRetried, "messages")])
                : New(FindingIds.ResponseTimeLateSends, FindingSeverity.Warning, figures));
        }

        if (facts.LatencyKneeAt is { } knee)
        {
            var rise = New(FindingIds.LatencyKnee, FindingSeverity.Warning, F("at-seconds", knee.AtSeconds, "s"), F("p99-ms", facts.LatencyKneeP99Ms!.Value, "ms"),
                F("early-p99-ms", facts.EarlyRttP99Ms!.Value, "ms"), F("open-connections", knee.OpenConnections, "connections"), F("received-per-second", knee.ReceivedPerSecond, "msg/s"));
            findings.Add(rise with { Confidence = FindingConfidence.Medium });
        }
    }

    /// <summary>Judged by <see cref="SustainedThroughput"/>, when the run reached its hold (the summary's figure is the hold's then).</summary>
    private static void Throughput(RunResult run, List<Finding> findings)
    {
        if (SustainedThroughput.Of(run) is not { } throughput || !run.Series.Any(s => s.Phase == PlanPhases.HoldName))
        {
            return;
        }

        findings.Add(New(throughput.Held ? FindingIds.ThroughputHeld : FindingIds.ThroughputShort, throughput.Held ? FindingSeverity.Good : FindingSeverity.Problem,
            F("per-second", throughput.PerSecond, "msg/s"), F("planned-per-second", throughput.PlannedPerSecond, "msg/s"), F("share-percent", 100 * throughput.Share, "%")));
    }

    private static void Resources(RunResult run, RunFacts facts, List<Finding> findings)
    {
        if (run.GeneratorHealth is { Saturated: true } health)
        {
            findings.Add(New(FindingIds.GeneratorSaturated, FindingSeverity.Warning, F("saturated-seconds", health.SaturatedIntervals, "s")) with { Periods = health.Periods });
        }

        if (facts.TcpTimeouts > 0)
        {
            findings.Add(New(FindingIds.TcpTimeouts, FindingSeverity.Warning, F("tcp-timeouts", facts.TcpTimeouts, "retransmissions"), F("packet-drops", facts.PacketDrops, "packets")));
        }

        if (facts.ServerSaturatedAt is { } saturated)
        {
            findings.Add(New(FindingIds.ServerCpuSaturated, FindingSeverity.Warning, F("peak-cpu-percent", facts.ServerCpuPeakPercent!.Value, "% of one core"),
                F("at-seconds", saturated.AtSeconds, "s"), F("open-connections", saturated.OpenConnections, "connections")));
        }
    }

    /// <summary>The three most counted error classes that start with <paramref name="prefix"/> (e.g. <c>connect-</c>).</summary>
    private static NamedCount[] TopClasses(RunResult run, string prefix) =>
    [
        .. run.ErrorsByClass.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(3)
            .Select(e => new NamedCount(e.Key, e.Value)),
    ];

    private static Finding New(string id, FindingSeverity severity, params EvidenceFigure[] evidence) => new() { Id = id, Severity = severity, Evidence = evidence };

    private static EvidenceFigure F(string name, double value, string unit) => new(name, value, unit);
}
