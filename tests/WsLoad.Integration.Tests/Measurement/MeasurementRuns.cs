using System.Globalization;
using WsLoad.Engine;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Measurement;

/// <summary>Runs the real engine against an embedded target server started with the given faults, and describes results.</summary>
internal static class MeasurementRuns
{
    /// <summary>A constant-rate echo scenario: a short linear ramp, then <paramref name="hold"/> at <paramref name="ratePerSecond"/> per connection.</summary>
    public static Scenario ConstantRate(Uri url, int connections, double ratePerSecond, TimeSpan hold) => new()
    {
        Target = new TargetOptions { Url = url },
        Connections = new ConnectionOptions
        {
            Count = connections,
            Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromMilliseconds(500) },
            Hold = hold,
        },
        Messages = new MessageOptions { RatePerSecond = ratePerSecond },
    };

    /// <summary>Starts a server with <paramref name="faults"/>, runs <paramref name="scenario"/> (its URL replaced) against it, and returns both.</summary>
    public static async Task<(RunResult Result, ServerStats Server)> RunAsync(
        ServerFaults faults, Func<Uri, Scenario> scenario, CancellationToken cancellationToken, Action<TargetServer>? whileRunning = null)
    {
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cancellationToken);
        whileRunning?.Invoke(server);
        var result = await LoadTest.RunAsync(scenario(server.WebSocketUrl), cancellationToken: cancellationToken);
        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        Assert.Equal(0, result.Summary.Connections.Failed + result.Summary.Connections.Dropped);
        return (result, server.GetStats());
    }

    /// <summary>
    /// How many messages a constant-rate run (no ramp-down, no start delay) plans to send, from its run.json, and how far
    /// the count may honestly stray. Each connection sends from its open (its planned start plus its connect time,
    /// whose mean run.json records) until the hold ends, once per interval, the first within one interval of the open:
    /// its count is its window x rate, within one. Slack: one per connection, and 0.1 s of every connection's sends for
    /// connects started or the close made late on this shared machine.
    /// </summary>
    public static (double Planned, double Slack) PlannedSends(RunResult result, double ratePerConnection)
    {
        var plan = ConnectionPlan.Create(result.Scenario.Connections);
        Assert.Equal(plan.HoldEnd, plan.End); // no ramp-down: every connection sends until the hold ends
        Assert.Equal(TimeSpan.Zero, result.Scenario.Messages.StartDelay);
        var connectSeconds = result.Summary.LatencyMs.Connect!.Mean / 1000;
        var planned = Enumerable.Range(0, plan.SlotCount).Sum(slot => ((plan.HoldEnd - plan.OpenAt(slot)).TotalSeconds - connectSeconds) * ratePerConnection);
        return (planned, plan.SlotCount * (1 + (ratePerConnection * 0.1)));
    }

    /// <summary>The generator's own health, for the test log: a saturated generator makes tail latencies unreliable.</summary>
    public static string DescribeHealth(string label, RunResult result) => result.GeneratorHealth is not { } health
        ? $"{label} generator: not sampled"
        : string.Create(CultureInfo.InvariantCulture, $"{label} generator: saturated={health.Saturated} ({string.Join(", ", health.Periods.SelectMany(p => p.Reasons).Distinct())}) maxCpu={health.MaxCpuPercent:0}% maxLag={health.MaxSchedulingLagMs:0.#} ms maxPoolDelay={health.MaxThreadPoolDelayMs:0.#} ms tcpTimeouts={TcpTimeouts(result)} packetDrops={result.Series.Sum(s => s.Machine?.PacketDrops ?? 0)}");

    /// <summary>
    /// The machine's TCP retransmission timeouts during the run: each stalls a connection for at least 200 ms. On this
    /// shared VM the loopback input backlog overflows now and then, so a run's tail can hold such stalls that are neither
    /// the generator's nor the server's; latency tests name them when a tail misses its claim.
    /// </summary>
    public static long TcpTimeouts(RunResult result) => result.Series.Sum(s => s.Machine?.TcpTimeouts ?? 0);

    /// <summary>Linux's least retransmission timeout (TCP_RTO_MIN): a segment that timed out was held at least this long.</summary>
    public const double MinRetransmissionTimeoutMs = 200;

    /// <summary>
    /// True when a TCP retransmission timeout may have held one of this run's messages. The counter is machine-wide: it
    /// also counts the timeouts of every other process's connections (other builds on this shared machine). A timeout
    /// holds a segment at least <see cref="MinRetransmissionTimeoutMs"/>, so a run whose slowest round trip was shorter
    /// had none of its messages held by one, whatever the counter says.
    /// </summary>
    public static bool TcpTimeoutsHitRun(RunResult result) =>
        TcpTimeouts(result) > 0 && (result.Summary.LatencyMs.Rtt?.Max ?? double.PositiveInfinity) >= MinRetransmissionTimeoutMs;

    /// <summary>True when the run's latencies may not be the service's alone: the generator saturated or TCP timed out on it.</summary>
    public static bool TailUnreliable(RunResult result) => result.GeneratorHealth?.Saturated == true || TcpTimeoutsHitRun(result);

    /// <summary>Why <see cref="TailUnreliable"/> holds, for the test log and failure messages.</summary>
    public static string UnreliableBecause(RunResult result) => string.Join(" and ", new[]
    {
        result.GeneratorHealth?.Saturated == true ? $"the generator saturated ({string.Join(", ", result.GeneratorHealth.Periods.SelectMany(p => p.Reasons).Distinct())})" : null,
        TcpTimeoutsHitRun(result) ? $"{TcpTimeouts(result)} TCP timeouts with rtt max {result.Summary.LatencyMs.Rtt?.Max} ms" : null,
    }.OfType<string>());

    public static string Describe(string label, LatencySummary? latency) => latency is null
        ? $"{label}: none"
        : string.Create(CultureInfo.InvariantCulture, $"{label}: n={latency.Count} p50={latency.P50:0.###} p90={latency.P90:0.###} p99={latency.P99:0.###} p99.9={latency.P999:0.###} max={latency.Max:0.###} ms");
}
