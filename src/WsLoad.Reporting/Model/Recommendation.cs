using WsLoad.Analysis.Facts;
using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>A concrete next step and the figures that call for it.</summary>
public sealed record Recommendation(string Action, string Evidence)
{
    /// <summary>The next steps the run's figures call for; when nothing went wrong, how to learn more from the next run.</summary>
    public static IReadOnlyList<Recommendation> Of(RunResult result, RunFacts facts)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(facts);
        var steps = new List<Recommendation>();
        var errors = result.ErrorsByClass;
        var env = result.Environment;

        if (Errors(errors, "too-many-files") is > 0 and var tooMany)
        {
            steps.Add(new("Raise the open-file limit (ulimit -n, or LimitNOFILE for a service) of the generator and the server, or spread connections over several worker processes.",
                $"{Count(tooMany)} connection(s) failed with 'too many open files'; the generator's limit was {(env.OpenFileLimit is { } limit ? Count(limit) : "unknown")}."));
        }

        if (Errors(errors, "address-in-use") is > 0 and var noPorts)
        {
            steps.Add(new("Add source addresses (connections.sourceAddresses, e.g. 127.0.0.2, 127.0.0.3 for a local target) or widen net.ipv4.ip_local_port_range: each source address has one port range.",
                $"{Count(noPorts)} connection(s) found no free local port; the port range is {env.EphemeralPortRange ?? "unknown"}."));
        }

        if (Errors(errors, "connect-timeout") is > 0 and var timeouts)
        {
            steps.Add(new("Check the server's accept backlog (net.core.somaxconn, listen backlog) and accept loop, or lower connections.maxConcurrentConnects.",
                $"{Count(timeouts)} connection(s) timed out while connecting."));
        }

        if (Errors(errors, "upgrade-rejected") is > 0 and var rejected)
        {
            var statuses = string.Join(", ", result.HandshakeStatuses.Where(s => s.Key != "101").Select(s => $"HTTP {s.Key} × {Count(s.Value)}"));
            steps.Add(new("Find why the server refused WebSocket upgrades (authentication, rate limiting or a connection cap) before raising the load.",
                $"{Count(rejected)} upgrade(s) were refused{(statuses.Length > 0 ? ": " + statuses : "")}."));
        }

        var tcpTimeouts = result.Series.Sum(s => s.Machine?.TcpTimeouts ?? 0);
        if (tcpTimeouts > 0)
        {
            var drops = result.Series.Sum(s => s.Machine?.PacketDrops ?? 0);
            steps.Add(new("Before blaming the service for its latency tail, find the packet loss: on the generator machine raise net.core.netdev_max_backlog when it drops packets from its input backlog (loopback included), and check the network path otherwise.",
                $"{Count(tcpTimeouts)} TCP retransmission timeout(s) (each a stall of at least 200 ms) and {Count(drops)} backlog drop(s) on this machine during the run."));
        }

        if (result.GeneratorHealth is { Saturated: true } health)
        {
            steps.Add(new("Give the generator more room: run it on a machine of its own, or split the load over several worker processes or machines, and rerun before trusting the tail latencies.",
                $"Generator CPU peaked at {Percent(health.MaxCpuPercent)} of one core, scheduling lag at {Ms(health.MaxSchedulingLagMs)}, over {health.SaturatedIntervals} saturated second(s)."));
        }

        if (facts.ServerSaturatedAt is { } saturated)
        {
            steps.Add(new($"Treat about {Count(saturated.OpenConnections)} connections at {Rate(saturated.ReceivedPerSecond, "msg")} as this server's CPU limit on this machine: profile its per-message work or add capacity before going past it.",
                $"Server CPU reached {Percent(facts.ServerCpuPeakPercent!.Value)} of one core ({Number(env.ProcessorCount)} cores) at {Seconds(saturated.AtSeconds)}."));
        }

        if (facts.LatencyKneeAt is { } knee)
        {
            steps.Add(new($"Keep the load below the latency knee — about {Count(knee.OpenConnections)} connections and {Rate(knee.ReceivedPerSecond, "msg")} — or find what saturates there (server CPU, a lock, a downstream call) with a stepped ramp around it.",
                $"rtt p99 went from {Ms(facts.EarlyRttP99Ms!.Value)} early in the run to {Ms(facts.LatencyKneeP99Ms!.Value)} at {Seconds(knee.AtSeconds)}."));
        }

        var m = result.Summary.Messages;
        if (m.Lost + m.Corrupted + m.OutOfOrder + m.Duplicated > 0)
        {
            steps.Add(new("Investigate the server's message path: replies went missing, came back altered, or out of order. Check its send queues and back-pressure handling.",
                $"lost {Count(m.Lost)}, corrupted {Count(m.Corrupted)}, out of order {Count(m.OutOfOrder)}, duplicated {Count(m.Duplicated)} of {Count(m.Sent)} sent."));
        }

        if (result.Summary.Connections.Dropped > 0)
        {
            var closes = string.Join(", ", result.CloseCodes.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(3).Select(c => $"{c.Key} × {Count(c.Value)}"));
            steps.Add(new("Find why the server closed or lost open connections (its logs around the first drop), and enable reconnects in the scenario to measure recovery.",
                $"{Count(result.Summary.Connections.Dropped)} connection(s) dropped{(closes.Length > 0 ? "; close codes: " + closes : "")}."));
        }

        if (result.Status == RunStatus.Interrupted)
        {
            steps.Add(new("Run the scenario to the end before drawing conclusions.", $"The run stopped after {Seconds(result.DurationSeconds)}: {result.StatusReason ?? "interrupted"}."));
        }

        if (steps.Count == 0)
        {
            steps.Add(result.Scenario.Thresholds.Count == 0
                ? new("Add thresholds (e.g. rtt.p99 < 50ms, connect.success >= 99.9%) so the next run gives a pass or fail, and raise the load step by step (a stepped ramp) to find where it starts to fail.",
                    "Nothing failed at this load and no thresholds were set.")
                : new("Raise the load step by step (a stepped ramp, more connections or a higher rate) to find the capacity limit, keeping these thresholds.",
                    $"Every threshold held with nothing failing at a peak of {Count(result.Summary.Connections.Peak)} connections."));
        }

        return steps;
    }

    /// <summary>The count of error classes that contain <paramref name="name"/> (e.g. connect-too-many-files).</summary>
    private static long Errors(IReadOnlyDictionary<string, long> errors, string name) =>
        errors.Where(e => e.Key.Contains(name, StringComparison.Ordinal)).Sum(e => e.Value);
}
