using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Measurement;
using Xunit.Abstractions;

namespace WsLoad.Tests.Network;

/// <summary>Acceptance 1 of issue 6: 50 ms of added latency each way through the chaos proxy adds 100 ms to the round trip.</summary>
public sealed class ProxyLatencyTests(ITestOutputHelper output)
{
    private const double AddedMs = 100;
    private const double ToleranceMs = 5;

    /// <summary>
    /// A pair that meets the claim settles it (it is systematic); a wrong offset fails every attempt. Every attempt is
    /// held to the whole claim: one in which the tool reported saturation is not let off with less, only labelled so,
    /// to explain a miss.
    /// </summary>
    private const int Attempts = 5;

    [Fact]
    public async Task Fifty_ms_each_way_adds_100ms_to_rtt_p50()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var direct = MeasurementRuns.ConstantRate(server.WebSocketUrl, connections: 20, ratePerSecond: 10, TimeSpan.FromSeconds(4));
        var proxied = direct with
        {
            Network = new NetworkOptions
            {
                Toxics = [new NetworkToxicOptions { Type = NetworkToxicType.Latency, Latency = TimeSpan.FromMilliseconds(50) }],
            },
        };

        _ = await RunAsync(proxied, cts.Token); // warm-up: JIT of the proxy path, not measured
        var failures = new List<string>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var baseline = await RunAsync(direct, cts.Token);
            var delayed = await RunAsync(proxied, cts.Token);
            var before = baseline.Summary.LatencyMs.Rtt!;
            var after = delayed.Summary.LatencyMs.Rtt!;
            output.WriteLine($"attempt {attempt}");
            output.WriteLine(MeasurementRuns.Describe("  direct rtt ", before));
            output.WriteLine(MeasurementRuns.Describe("  proxied rtt", after));
            output.WriteLine(MeasurementRuns.DescribeHealth("  direct ", baseline));
            output.WriteLine(MeasurementRuns.DescribeHealth("  proxied", delayed));
            output.WriteLine($"  added p50 = {after.P50 - before.P50:0.###} ms");

            // Guaranteed whatever the machine does: no chunk is passed on before its latency.
            Assert.True(after.P50 >= AddedMs, MeasurementRuns.Describe("proxied rtt", after));
            Assert.Contains(delayed.Events, e => e.Kind == "latency-added" && e.Source == RunEventSource.Network);
            var added = after.P50 - before.P50;
            if (Math.Abs(added - AddedMs) <= ToleranceMs)
            {
                return;
            }

            var saturated = baseline.GeneratorHealth?.Saturated == true || delayed.GeneratorHealth?.Saturated == true;
            failures.Add($"attempt {attempt}: p50 {before.P50:0.###} -> {after.P50:0.###} ms, added {added:0.###} ms{(saturated ? "; the generator reported saturation" : "")}");
        }

        Assert.Fail($"the added latency was not {AddedMs} ± {ToleranceMs} ms in {Attempts} attempts:\n{string.Join("\n", failures)}");
    }

    private static async Task<RunResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        var result = await LoadTest.RunAsync(scenario, cancellationToken: cancellationToken);
        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        Assert.Equal(0, result.Summary.Connections.Failed + result.Summary.Connections.Dropped);
        Assert.Equal(0, result.Summary.Messages.Lost);
        return result;
    }
}
