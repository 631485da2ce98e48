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
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        static WsLoad.Scenarios.Scenario Load(Uri url) => MeasurementRuns.ConstantRate(url, connections: 50, ratePerSecond: 5, TimeSpan.FromSeconds(3));

        _ = await MeasurementRuns.RunAsync(ServerFaults.None, Load, cts.Token); // warm-up: JIT and pools, not measured
        var (baseline, _) = await MeasurementRuns.RunAsync(ServerFaults.None, Load, cts.Token);
        var (delayed, server) = await MeasurementRuns.RunAsync(new ServerFaults { ReplyDelay = ServerDelay }, Load, cts.Token);

        var before = baseline.Summary.LatencyMs.Rtt!;
        var after = delayed.Summary.LatencyMs.Rtt!;
        output.WriteLine(MeasurementRuns.Describe("baseline rtt", before));
        output.WriteLine(MeasurementRuns.Describe("delayed rtt ", after));
        Assert.Equal(delayed.Summary.Messages.Received, server.RepliesDelayed);
        Assert.Equal(0, delayed.Summary.Messages.Lost);
        Assert.InRange(after.P50, before.P50 + ServerDelay.TotalMilliseconds - ToleranceMs, before.P50 + ServerDelay.TotalMilliseconds + ToleranceMs);
        Assert.InRange(after.P99, before.P99 + ServerDelay.TotalMilliseconds - ToleranceMs, before.P99 + ServerDelay.TotalMilliseconds + ToleranceMs);
    }
}
