using WsLoad.Engine;
using WsLoad.Scenarios;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Resources;

/// <summary>A rate far beyond what two cores can send: the run must say the generator was the bottleneck.</summary>
public sealed class SaturationTests
{
    [Fact]
    public async Task A_rate_beyond_the_machine_is_reported_as_generator_saturation()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = WsLoadProcess.Start("serve", "--port", "0");
        var url = new Uri((await server.ReadLineAsync(timeout.Token)).Split(' ')[1]);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = url },
            Connections = new ConnectionOptions { Count = 200, Ramp = new RampOptions { Duration = TimeSpan.Zero }, Hold = TimeSpan.FromSeconds(4) },

            // 200 × 5,000/s = 1,000,000 msg/s: several times what two cores can send and echo.
            Messages = new MessageOptions { RatePerSecond = 5_000 },
        };

        var result = await LoadTest.RunAsync(scenario, new LoadTestOptions { ServerProcessId = server.Id }, timeout.Token);

        var health = result.GeneratorHealth!;
        Assert.True(health.Saturated, $"not reported saturated: max cpu {health.MaxCpuPercent}%, lag {health.MaxSchedulingLagMs} ms, queue {health.MaxThreadPoolQueue}");
        Assert.NotEmpty(health.Periods);
        Assert.Contains(result.Series, s => s.Generator is { Saturated: true, SaturationReasons.Count: > 0 });

        // The schedule fell behind, and the response time (from the intended send) shows it: it is far above the
        // service time of the messages that did go out.
        Assert.True(result.Summary.Messages.Sent < 200 * 5_000 * 4 / 2, $"sent {result.Summary.Messages.Sent}");
        Assert.True(result.Summary.LatencyMs.Response!.P50 > result.Summary.LatencyMs.Rtt!.P50);
    }
}
