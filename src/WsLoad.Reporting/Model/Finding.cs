using WsLoad.Analysis.Facts;
using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>How much a finding matters: problems first, then warnings, then what went well.</summary>
public enum FindingSeverity
{
    Problem,
    Warning,
    Good,
}

/// <summary>One observation of the executive summary, in plain words, computed from run.json.</summary>
public sealed record Finding(FindingSeverity Severity, string Text)
{
    /// <summary>The run's findings, most severe first (a stable order within a severity).</summary>
    public static IReadOnlyList<Finding> Of(RunResult result, RunFacts facts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(facts);
        var findings = new List<Finding>();
        Connections(result, findings);
        Delivery(result, findings);
        Latency(result, facts, findings);
        Throughput(result, findings);
        Resources(result, facts, findings);
        return [.. findings.OrderBy(f => f.Severity)];
    }

    private static void Connections(RunResult result, List<Finding> findings)
    {
        var c = result.Summary.Connections;
        if (c.Attempted == 0)
        {
            findings.Add(new(FindingSeverity.Problem, "No connection was attempted."));
            return;
        }

        var connectErrors = TopClasses(result, "connect-");
        if (c.Failed == 0)
        {
            findings.Add(new(FindingSeverity.Good, $"All {Count(c.Established)} connections opened (peak {Count(c.Peak)} open at once, {Rate(c.ConnectRatePerSec, "connections")})."));
        }
        else
        {
            findings.Add(new(FindingSeverity.Problem, $"{Count(c.Failed)} of {Count(c.Attempted)} connections failed to open ({Percent(100.0 * c.Failed / c.Attempted)}){connectErrors}."));
        }

        if (c.Dropped > 0)
        {
            findings.Add(new(FindingSeverity.Problem, $"{Count(c.Dropped)} open connection(s) were dropped during the run{TopClasses(result, "close-")}."));
        }

        if (result.Summary.Availability is { OverallPercent: < 100 } availability)
        {
            findings.Add(new(FindingSeverity.Warning, $"Availability was {Percent(availability.OverallPercent)}: planned connections were not all open all the time."));
        }
    }

    private static void Delivery(RunResult result, List<Finding> findings)
    {
        var m = result.Summary.Messages;
        if (m.Sent == 0)
        {
            return;
        }

        var problems = new List<string>();
        Add(problems, m.Lost, "lost");
        Add(problems, m.Corrupted, "corrupted");
        Add(problems, m.OutOfOrder, "out of order");
        Add(problems, m.Duplicated, "duplicated");
        Add(problems, m.Late, "late (after the timeout)");
        if (problems.Count == 0)
        {
            findings.Add(new(FindingSeverity.Good, result.Scenario.Messages.Expect == Scenarios.ExpectMode.None
                ? $"{Count(m.Sent)} messages sent, {Count(m.Received)} received."
                : $"Every one of {Count(m.Sent)} messages came back, in order and intact."));
        }
        else
        {
            findings.Add(new(FindingSeverity.Problem, $"Of {Count(m.Sent)} messages sent: {string.Join(", ", problems)}."));
        }

        static void Add(List<string> problems, long count, string what)
        {
            if (count > 0)
            {
                problems.Add($"{Count(count)} {what}");
            }
        }

        if (result.Summary.Retry is { MessagesRetried: > 0 } retry)
        {
            var duplicates = retry.DuplicateAnswers > 0
                ? $"; {Count(retry.DuplicateAnswers)} answer(s) came twice (the server handled those messages more than once: the retry wait is shorter than some answers take)"
                : "";
            findings.Add(new(FindingSeverity.Warning, $"{Count(retry.MessagesRetried)} message(s) had no answer after {Count((long)retry.AfterMs)} ms and were sent again ({Count(retry.Retransmissions)} retries): {Count(retry.MessagesRecovered)} were answered in the end, {Count(retry.GaveUp)} given up{duplicates}. Without retries they would have been lost or late."));
        }
    }

    private static void Latency(RunResult result, RunFacts facts, List<Finding> findings)
    {
        var l = result.Summary.LatencyMs;
        if (l.Rtt is not { Count: > 0 } rtt)
        {
            return;
        }

        findings.Add(new(FindingSeverity.Good, $"Service time (send to reply): p50 {Ms(rtt.P50)}, p99 {Ms(rtt.P99)}, p99.9 {Ms(rtt.P999)} over {Count(rtt.Count)} round trips."));
        if (l.Response is { Count: > 0 } response && response.P999 > 2 * rtt.P999 && response.P999 - rtt.P999 > 10)
        {
            // Retried messages keep their first intended time, so their wait for a retry is response time too.
            var why = result.Summary.Retry is { MessagesRetried: > 0 } retry
                ? $"{Count(retry.MessagesRetried)} message(s) were answered only after a retry, and their response time includes the wait for it"
                : "messages went out later than planned";
            findings.Add(new(FindingSeverity.Warning, $"Response time p99.9 ({Ms(response.P999)}) is {Number(response.P999 / rtt.P999, "0.#")}× the service time's: {why}, so users would have waited longer than the server took ({Count(result.Summary.Messages.MissedSends)} sends waited on back-pressure)."));
        }

        if (facts.LatencyKneeAt is { } knee)
        {
            findings.Add(new(FindingSeverity.Warning, $"Latency rose sharply at {Seconds(knee.AtSeconds)}: p99 {Ms(facts.LatencyKneeP99Ms!.Value)} against {Ms(facts.EarlyRttP99Ms!.Value)} early in the run, with {Count(knee.OpenConnections)} connections open and {Rate(knee.ReceivedPerSecond, "msg")}."));
        }
    }

    private static void Throughput(RunResult result, List<Finding> findings)
    {
        if (SustainedThroughput.Of(result) is not { } throughput || !result.Series.Any(s => s.Phase == "hold"))
        {
            return;
        }

        var (held, rate, share) = (throughput.PerSecond, throughput.PlannedPerSecond, 100 * throughput.Share);
        findings.Add(throughput.Held
            ? new(FindingSeverity.Good, $"Throughput held the plan: {Rate(held, "msg")} received during the hold ({Percent(share)} of {Rate(rate, "msg")}).")
            : new(FindingSeverity.Problem, $"Throughput fell short: {Rate(held, "msg")} received during the hold, {Percent(share)} of the planned {Rate(rate, "msg")}."));
    }

    private static void Resources(RunResult result, RunFacts facts, List<Finding> findings)
    {
        if (result.GeneratorHealth is { Saturated: true } health)
        {
            var periods = string.Join(", ", health.Periods.Select(p => $"{Number(p.FromSeconds)}–{Number(p.ToSeconds)} s ({string.Join(", ", p.Reasons)})"));
            findings.Add(new(FindingSeverity.Warning, $"The load generator itself was saturated at {periods}: latency measured then includes its own delay."));
        }

        var tcpTimeouts = result.Series.Sum(s => s.Machine?.TcpTimeouts ?? 0);
        if (tcpTimeouts > 0)
        {
            findings.Add(new(FindingSeverity.Warning, $"TCP on this machine timed out {Count(tcpTimeouts)} retransmission(s) during the run ({Count(result.Series.Sum(s => s.Machine?.PacketDrops ?? 0))} packets dropped from the input backlog): each stalled a connection for at least 200 ms, which shows in the latency tail."));
        }

        if (facts.ServerSaturatedAt is { } saturated)
        {
            findings.Add(new(FindingSeverity.Warning, $"The server's CPU was saturated ({Percent(facts.ServerCpuPeakPercent!.Value)} of one core at peak) from {Seconds(saturated.AtSeconds)}, with {Count(saturated.OpenConnections)} connections open."));
        }
    }

    private static string TopClasses(RunResult result, string prefix)
    {
        var top = result.ErrorsByClass.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Take(3).ToList();
        return top.Count == 0 ? "" : ": " + string.Join(", ", top.Select(e => $"{e.Key} × {Count(e.Value)}"));
    }
}
