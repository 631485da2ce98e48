using WsLoad.Server;
using Xunit.Abstractions;

namespace WsLoad.Tests.Measurement;

/// <summary>Acceptance 1 of "Measurement you can trust": a fixed server delay shows up, exactly, in the service time.</summary>
public sealed class ServiceTimeDelayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ServerDelay = TimeSpan.FromMilliseconds(25);
    private const double ToleranceMs = 2;

    [Fact]
    public async Task A_25ms_server_delay_adds_25ms_to_service_time_p50_and_p99()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        // 3,000 messages a run, so p99 rests on 30 samples rather than a handful.
        static WsLoad.Scenarios.Scenario Load(Uri url) => MeasurementRuns.ConstantRate(url, connections: 50, ratePerSecond: 10, TimeSpan.FromSeconds(6));

        _ = await MeasurementRuns.RunAsync(ServerFaults.None, Load, cts.Token); // warm-up: JIT and pools, not measured
        var (baseline, _) = await MeasurementRuns.RunAsync(ServerFaults.None, Load, cts.Token);
        _ = await MeasurementRuns.RunAsync(new ServerFaults { ReplyDelay = ServerDelay }, Load, cts.Token); // warm-up of the delay path
        var (delayed, server) = await MeasurementRuns.RunAsync(new ServerFaults { ReplyDelay = ServerDelay }, Load, cts.Token);

        var before = baseline.Summary.LatencyMs.Rtt!;
        var after = delayed.Summary.LatencyMs.Rtt!;
        output.WriteLine(MeasurementRuns.Describe("baseline rtt", before));
        output.WriteLine(MeasurementRuns.Describe("delayed rtt ", after));
        output.WriteLine(MeasurementRuns.DescribeHealth("baseline", baseline));
        output.WriteLine(MeasurementRuns.DescribeHealth("delayed ", delayed));
        Assert.Equal(delayed.Summary.Messages.Received, server.RepliesDelayed);
        Assert.Equal(0, delayed.Summary.Messages.Lost);
        // p50 and p99 are held to ±2 ms, except when the generator reports that it (or the machine) was saturated in
        // either run: then the tool itself marks those latencies unreliable (a busy neighbour on a shared 2-core
        // machine moves them by several ms in one run and not the other), so only what the delay guarantees is
        // checked (no reply comes back sooner than the delay), as the demo test does for its latency threshold.
        var expectedP50 = before.P50 + ServerDelay.TotalMilliseconds;
        var expectedP99 = before.P99 + ServerDelay.TotalMilliseconds;
        if (baseline.GeneratorHealth?.Saturated == true || delayed.GeneratorHealth?.Saturated == true)
        {
            output.WriteLine($"checks relaxed to >= {ServerDelay.TotalMilliseconds} ms: generator saturated (p50 {after.P50} vs {expectedP50}, p99 {after.P99} vs {expectedP99}, ± {ToleranceMs})");
            Assert.True(after.P50 >= ServerDelay.TotalMilliseconds, MeasurementRuns.Describe("delayed rtt", after));
            Assert.True(after.P99 >= ServerDelay.TotalMilliseconds, MeasurementRuns.Describe("delayed rtt", after));
        }
        else
        {
            Assert.InRange(after.P50, expectedP50 - ToleranceMs, expectedP50 + ToleranceMs);
            Assert.InRange(after.P99, expectedP99 - ToleranceMs, expectedP99 + ToleranceMs);
        }
    }
}
