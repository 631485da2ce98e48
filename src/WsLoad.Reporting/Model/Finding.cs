using WsLoad.Analysis.Conclusions;
using static WsLoad.Reporting.Model.ReportFormat;
using Conclusion = WsLoad.Analysis.Conclusions.Finding;

namespace WsLoad.Reporting.Model;

/// <summary>One finding of the executive summary in plain words: an Analysis <see cref="Conclusion"/> phrased, nothing decided here.</summary>
public sealed record Finding(string Id, FindingSeverity Severity, string Text)
{
    /// <summary>The findings phrased, in the order Analysis gave them (most severe first).</summary>
    public static IReadOnlyList<Finding> Of(IReadOnlyList<Conclusion> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return [.. findings.Select(f => new Finding(f.Id, f.Severity, Phrase(f)))];
    }

    private static string Phrase(Conclusion finding)
    {
        var e = finding.Evidence;
        long N(string name) => (long)e.Value(name);
        return finding.Id switch
        {
            FindingIds.NoConnections => "No connection was attempted.",
            FindingIds.ConnectionsOpened => $"All {Count(N("established"))} connections opened (peak {Count(N("peak"))} open at once, {Rate(e.Value("connect-rate"), "connections")}).",
            FindingIds.ConnectionsFailed => $"{Count(N("failed"))} of {Count(N("attempted"))} connections failed to open ({Percent(e.Value("failed-percent"))}){Classes(finding.Breakdown)}.",
            FindingIds.ConnectionsDropped => $"{Count(N("dropped"))} open connection(s) were dropped during the run{Classes(finding.Breakdown)}.",
            FindingIds.AvailabilityShort => $"Availability was {Percent(e.Value("availability-percent"))}: planned connections were not all open all the time.",
            FindingIds.MessagesCounted => $"{Count(N("sent"))} messages sent, {Count(N("received"))} received.",
            FindingIds.DeliveryIntact => $"Every one of {Count(N("sent"))} messages came back, in order and intact.",
            FindingIds.DeliveryFailed => $"Of {Count(N("sent"))} messages sent: {DeliveryProblems(e)}.",
            FindingIds.MessagesRetried => Retried(e),
            FindingIds.FanoutReachedAll => $"Every one of {Count(N("due"))} broadcast deliveries due arrived ({Count(N("published"))} messages published).",
            FindingIds.FanoutMissing => $"Broadcast reach {Percent(e.Value("reach-percent"))}: {Count(N("missing"))} of {Count(N("due"))} deliveries due never arrived, from the messages of {Seconds(e.Value("first-at-seconds"))} on (worst {Percent(e.Value("worst-second-reach-percent"))} for those of {Seconds(e.Value("worst-at-seconds"))}); the worst message reached {Percent(e.Value("min-reach-percent"))} of its subscribers.",
            FindingIds.FanoutFellBehind => $"The fan-out fell behind at {Seconds(e.Value("at-seconds"))}: p99 {Ms(e.Value("p99-ms"))} from publish to arrival against {Ms(e.Value("early-p99-ms"))} early in the run, with {Count(N("open-connections"))} connections open and {Rate(e.Value("received-per-second"), "msg")} delivered.",
            FindingIds.FanoutLatency => $"Fan-out (publish to arrival): p50 {Ms(e.Value("p50-ms"))}, p99 {Ms(e.Value("p99-ms"))}, p99.9 {Ms(e.Value("p999-ms"))} over {Count(N("deliveries"))} deliveries; the last subscriber had a message within {Ms(e.Value("complete-p99-ms"))} (p99).",
            FindingIds.ServiceTime => $"Service time (send to reply): p50 {Ms(e.Value("p50-ms"))}, p99 {Ms(e.Value("p99-ms"))}, p99.9 {Ms(e.Value("p999-ms"))} over {Count(N("round-trips"))} round trips.",
            FindingIds.ResponseTimeRetries => ResponseTime(e, $"{Count(N("retried"))} message(s) were answered only after a retry, and their response time includes the wait for it"),
            FindingIds.ResponseTimeLateSends => ResponseTime(e, "messages went out later than planned"),
            FindingIds.LatencyKnee => $"Latency rose sharply at {Seconds(e.Value("at-seconds"))}: p99 {Ms(e.Value("p99-ms"))} against {Ms(e.Value("early-p99-ms"))} early in the run, with {Count(N("open-connections"))} connections open and {Rate(e.Value("received-per-second"), "msg")}.",
            FindingIds.ThroughputHeld => $"Throughput held the plan: {Rate(e.Value("per-second"), "msg")} received during the hold ({Percent(e.Value("share-percent"))} of {Rate(e.Value("planned-per-second"), "msg")}).",
            FindingIds.ThroughputShort => $"Throughput fell short: {Rate(e.Value("per-second"), "msg")} received during the hold, {Percent(e.Value("share-percent"))} of the planned {Rate(e.Value("planned-per-second"), "msg")}.",
            FindingIds.GeneratorSaturated => $"The load generator itself was saturated at {string.Join(", ", finding.Periods.Select(p => $"{Number(p.FromSeconds)}–{Number(p.ToSeconds)} s ({string.Join(", ", p.Reasons)})"))}: latency measured then includes its own delay.",
            FindingIds.TcpTimeouts => $"TCP on this machine timed out {Count(N("tcp-timeouts"))} retransmission(s) during the run ({Count(N("packet-drops"))} packets dropped from the input backlog): each stalled a connection for at least 200 ms, which shows in the latency tail.",
            FindingIds.ServerCpuSaturated => $"The server's CPU was saturated ({Percent(e.Value("peak-cpu-percent"))} of one core at peak) from {Seconds(e.Value("at-seconds"))}, with {Count(N("open-connections"))} connections open.",
            _ => throw new ArgumentOutOfRangeException(nameof(finding), finding.Id, "a finding with no phrasing"),
        };
    }

    private static string Classes(IReadOnlyList<NamedCount> classes) =>
        classes.Count == 0 ? "" : ": " + string.Join(", ", classes.Select(c => $"{c.Name} × {Count(c.Count)}"));

    private static string DeliveryProblems(IReadOnlyList<Analysis.Failures.EvidenceFigure> e) => string.Join(", ",
        new[] { ("lost", "lost"), ("corrupted", "corrupted"), ("out-of-order", "out of order"), ("duplicated", "duplicated"), ("late", "late (after the timeout)") }
            .Where(p => e.Value(p.Item1) > 0)
            .Select(p => $"{Count((long)e.Value(p.Item1))} {p.Item2}"));

    private static string Retried(IReadOnlyList<Analysis.Failures.EvidenceFigure> e)
    {
        var duplicates = e.Value("duplicate-answers") is > 0 and var twice
            ? $"; {Count((long)twice)} answer(s) came twice (the server handled those messages more than once: the retry wait is shorter than some answers take)"
            : "";
        return $"{Count((long)e.Value("retried"))} message(s) had no answer after {Count((long)e.Value("after-ms"))} ms and were sent again ({Count((long)e.Value("retransmissions"))} retries): {Count((long)e.Value("recovered"))} were answered in the end, {Count((long)e.Value("gave-up"))} given up{duplicates}. Without retries they would have been lost or late.";
    }

    private static string ResponseTime(IReadOnlyList<Analysis.Failures.EvidenceFigure> e, string why) =>
        $"Response time p99.9 ({Ms(e.Value("response-p999-ms"))}) is {Number(e.Value("ratio"), "0.#")}× the service time's: {why}, so users would have waited longer than the server took ({Count((long)e.Value("missed-sends"))} sends waited on back-pressure).";
}
