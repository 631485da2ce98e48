using WsLoad.Analysis.Facts;
using WsLoad.Analysis.Failures;
using WsLoad.Results;

namespace WsLoad.Analysis.Conclusions;

/// <summary>
/// The next steps a run's figures call for (<see cref="NextStepIds"/>), in a fixed order: local limits first, then the
/// network, the generator, the server, the messages, the drops, an interrupted run. When nothing went wrong, how to
/// learn more from the next run.
/// </summary>
internal static class NextStepRules
{
    public static IReadOnlyList<NextStep> Of(RunResult run, RunFacts facts)
    {
        var steps = new List<NextStep>();
        var errors = run.ErrorsByClass;
        if (Errors(errors, "too-many-files") is > 0 and var tooMany)
        {
            steps.Add(New(NextStepIds.RaiseOpenFileLimit, [F("failed", tooMany, "connections"), .. run.Environment.OpenFileLimit is { } limit ? [F("open-file-limit", limit, "files")] : Array.Empty<EvidenceFigure>()]));
        }

        if (Errors(errors, "address-in-use") is > 0 and var noPorts)
        {
            steps.Add(New(NextStepIds.AddSourceAddresses, F("failed", noPorts, "connections")) with { Quote = run.Environment.EphemeralPortRange });
        }

        if (Errors(errors, "connect-timeout") is > 0 and var timeouts)
        {
            steps.Add(New(NextStepIds.CheckAcceptBacklog, F("failed", timeouts, "connections")));
        }

        if (Errors(errors, "upgrade-rejected") is > 0 and var rejected)
        {
            var statuses = run.HandshakeStatuses.Where(s => s.Key != "101").Select(s => new NamedCount(s.Key, s.Value));
            steps.Add(New(NextStepIds.FindUpgradeRefusals, F("failed", rejected, "connections")) with { Breakdown = [.. statuses] });
        }

        if (facts.TcpTimeouts > 0)
        {
            steps.Add(New(NextStepIds.FindPacketLoss, F("tcp-timeouts", facts.TcpTimeouts, "retransmissions"), F("packet-drops", facts.PacketDrops, "packets")));
        }

        if (run.GeneratorHealth is { Saturated: true } health)
        {
            steps.Add(New(NextStepIds.RelieveGenerator, F("max-cpu-percent", health.MaxCpuPercent, "% of one core"), F("max-scheduling-lag-ms", health.MaxSchedulingLagMs, "ms"),
                F("saturated-seconds", health.SaturatedIntervals, "s")));
        }

        if (facts.ServerSaturatedAt is { } saturated)
        {
            steps.Add(New(NextStepIds.MindServerCpuLimit, F("open-connections", saturated.OpenConnections, "connections"), F("received-per-second", saturated.ReceivedPerSecond, "msg/s"),
                F("at-seconds", saturated.AtSeconds, "s"), F("peak-cpu-percent", facts.ServerCpuPeakPercent!.Value, "% of one core"), F("cores", run.Environment.ProcessorCount, "cores")));
        }

        if (facts.LatencyKneeAt is { } knee)
        {
            steps.Add(New(NextStepIds.StayBelowKnee, F("open-connections", knee.OpenConnections, "connections"), F("received-per-second", knee.ReceivedPerSecond, "msg/s"),
                F("at-seconds", knee.AtSeconds, "s"), F("early-p99-ms", facts.EarlyRttP99Ms!.Value, "ms"), F("p99-ms", facts.LatencyKneeP99Ms!.Value, "ms")));
        }

        var m = run.Summary.Messages;
        if (m.Lost + m.Corrupted + m.OutOfOrder + m.Duplicated > 0)
        {
            steps.Add(New(NextStepIds.InvestigateMessagePath, F("lost", m.Lost, "messages"), F("corrupted", m.Corrupted, "messages"), F("out-of-order", m.OutOfOrder, "messages"),
                F("duplicated", m.Duplicated, "messages"), F("sent", m.Sent, "messages")));
        }

        if (run.Summary.Connections.Dropped > 0)
        {
            steps.Add(New(NextStepIds.FindDrops, F("dropped", run.Summary.Connections.Dropped, "connections")) with
            {
                Breakdown = [.. run.CloseCodes.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(3).Select(c => new NamedCount(c.Key, c.Value))],
            });
        }

        if (run.Status == RunStatus.Interrupted)
        {
            steps.Add(New(NextStepIds.FinishRun, F("duration-seconds", run.DurationSeconds, "s")) with { Quote = run.StatusReason });
        }

        if (steps.Count == 0)
        {
            steps.Add(run.Scenario.Thresholds.Count == 0
                ? New(NextStepIds.AddThresholds)
                : New(NextStepIds.RaiseLoad, F("peak-connections", run.Summary.Connections.Peak, "connections")));
        }

        return steps;
    }

    /// <summary>The count of error classes that contain <paramref name="name"/> (e.g. connect-too-many-files).</summary>
    private static long Errors(IReadOnlyDictionary<string, long> errors, string name) =>
        errors.Where(e => e.Key.Contains(name, StringComparison.Ordinal)).Sum(e => e.Value);

    private static NextStep New(string id, params EvidenceFigure[] evidence) => new() { Id = id, Evidence = evidence };

    private static EvidenceFigure F(string name, double value, string unit) => new(name, value, unit);
}
