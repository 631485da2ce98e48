using WsLoad.Analysis.Conclusions;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>A concrete next step and the figures that call for it: an Analysis <see cref="NextStep"/> phrased, nothing decided here.</summary>
public sealed record Recommendation(string Action, string Evidence)
{
    /// <summary>The next steps phrased, in the order Analysis gave them.</summary>
    public static IReadOnlyList<Recommendation> Of(IReadOnlyList<NextStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return [.. steps.Select(Phrase)];
    }

    private static Recommendation Phrase(NextStep step)
    {
        var e = step.Evidence;
        long N(string name) => (long)e.Value(name);
        return step.Id switch
        {
            NextStepIds.RaiseOpenFileLimit => new(
                "Raise the open-file limit (ulimit -n, or LimitNOFILE for a service) of the generator and the server, or spread connections over several worker processes.",
                $"{Count(N("failed"))} connection(s) failed with 'too many open files'; the generator's limit was {(e.ValueOrNull("open-file-limit") is { } limit ? Count((long)limit) : "unknown")}."),
            NextStepIds.AddSourceAddresses => new(
                "Add source addresses (connections.sourceAddresses, e.g. 127.0.0.2, 127.0.0.3 for a local target) or widen net.ipv4.ip_local_port_range: each source address has one port range.",
                $"{Count(N("failed"))} connection(s) found no free local port; the port range is {step.Quote ?? "unknown"}."),
            NextStepIds.CheckAcceptBacklog => new(
                "Check the server's accept backlog (net.core.somaxconn, listen backlog) and accept loop, or lower connections.maxConcurrentConnects.",
                $"{Count(N("failed"))} connection(s) timed out while connecting."),
            NextStepIds.FindUpgradeRefusals => new(
                "Find why the server refused WebSocket upgrades (authentication, rate limiting or a connection cap) before raising the load.",
                $"{Count(N("failed"))} upgrade(s) were refused{(step.Breakdown.Count > 0 ? ": " + string.Join(", ", step.Breakdown.Select(s => $"HTTP {s.Name} × {Count(s.Count)}")) : "")}."),
            NextStepIds.FindPacketLoss => new(
                "Before blaming the service for its latency tail, find the packet loss: on the generator machine raise net.core.netdev_max_backlog when it drops packets from its input backlog (loopback included), and check the network path otherwise.",
                $"{Count(N("tcp-timeouts"))} TCP retransmission timeout(s) (each a stall of at least 200 ms) and {Count(N("packet-drops"))} backlog drop(s) on this machine during the run."),
            NextStepIds.RelieveGenerator => new(
                "Give the generator more room: run it on a machine of its own, or split the load over several worker processes or machines, and rerun before trusting the tail latencies.",
                $"Generator CPU peaked at {Percent(e.Value("max-cpu-percent"))} of one core, scheduling lag at {Ms(e.Value("max-scheduling-lag-ms"))}, over {N("saturated-seconds")} saturated second(s)."),
            NextStepIds.MindServerCpuLimit => new(
                $"Treat about {Count(N("open-connections"))} connections at {Rate(e.Value("received-per-second"), "msg")} as this server's CPU limit on this machine: profile its per-message work or add capacity before going past it.",
                $"Server CPU reached {Percent(e.Value("peak-cpu-percent"))} of one core ({Number(e.Value("cores"))} cores) at {Seconds(e.Value("at-seconds"))}."),
            NextStepIds.StayBelowKnee => new(
                $"Keep the load below the latency knee — about {Count(N("open-connections"))} connections and {Rate(e.Value("received-per-second"), "msg")} — or find what saturates there (server CPU, a lock, a downstream call) with a stepped ramp around it.",
                $"rtt p99 went from {Ms(e.Value("early-p99-ms"))} early in the run to {Ms(e.Value("p99-ms"))} at {Seconds(e.Value("at-seconds"))}."),
            NextStepIds.InvestigateMessagePath => new(
                "Investigate the server's message path: replies went missing, came back altered, or out of order. Check its send queues and back-pressure handling.",
                $"lost {Count(N("lost"))}, corrupted {Count(N("corrupted"))}, out of order {Count(N("out-of-order"))}, duplicated {Count(N("duplicated"))} of {Count(N("sent"))} sent."),
            NextStepIds.FindDrops => new(
                "Find why the server closed or lost open connections (its logs around the first drop), and enable reconnects in the scenario to measure recovery.",
                $"{Count(N("dropped"))} connection(s) dropped{(step.Breakdown.Count > 0 ? "; close codes: " + string.Join(", ", step.Breakdown.Select(c => $"{c.Name} × {Count(c.Count)}")) : "")}."),
            NextStepIds.FinishRun => new("Run the scenario to the end before drawing conclusions.", $"The run stopped after {Seconds(e.Value("duration-seconds"))}: {step.Quote ?? "interrupted"}."),
            NextStepIds.AddThresholds => new(
                "Add thresholds (e.g. rtt.p99 < 50ms, connect.success >= 99.9%; for a broadcast fanout.p99 < 100ms, fanout.reach >= 99.9%) so the next run gives a pass or fail, and raise the load step by step (a stepped ramp) to find where it starts to fail.",
                "Nothing failed at this load and no thresholds were set."),
            NextStepIds.RaiseLoad => new(
                "Raise the load step by step (a stepped ramp, more connections or a higher rate) to find the capacity limit, keeping these thresholds.",
                $"Every threshold held with nothing failing at a peak of {Count(N("peak-connections"))} connections."),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Id, "a next step with no phrasing"),
        };
    }
}
