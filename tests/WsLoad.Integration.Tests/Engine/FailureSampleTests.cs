using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Engine;

/// <summary>run.json keeps the first failures in detail and a uniform sample of the rest, and counts them all.</summary>
public sealed class FailureSampleTests
{
    [Fact]
    public async Task Failures_past_the_first_200_are_sampled_into_run_json_and_all_are_counted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = new ServerFaults { RefuseUpgradeStatus = 503, RefusePercent = 70, Seed = 5 } }, cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions { Count = 600, Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(2) }, Hold = TimeSpan.FromSeconds(1) },
        };

        using var run = new LoadTestRun(scenario, new LoadTestOptions { KeepSnapshots = true });
        var result = await run.RunAsync(cts.Token);

        var failed = result.Summary.Connections.Failed;
        Assert.True(failed > 300, $"{failed} refused of 600");
        Assert.Equal(failed, result.ErrorsByClass.Values.Sum());
        Assert.Equal(200, result.FailureEvents.Count);
        Assert.Equal(failed - 200, result.FailureEventsDropped);
        Assert.Equal(Math.Min(200, failed - 200), result.FailureSamples.Count);
        var lastDetailed = result.FailureEvents.Max(f => f.AtSeconds);
        Assert.All(result.FailureSamples, f => Assert.True(f.AtSeconds >= lastDetailed && f.Class == "upgrade-rejected-503", $"{f.AtSeconds} {f.Class}"));
        Assert.Equal(result.FailureSamples.Count, result.FailureSamples.Select(f => (f.AtSeconds, f.ConnectionId)).Distinct().Count());
        Assert.Empty(Acceptance.RunJsonSchema.Validate(RunResultJson.Serialize(result)));

        // Each second's snapshot carries its own first failures, for live views: at most 10, each a real refusal.
        var perInterval = run.EmittedSnapshots.Select(s => s.Failures).ToList();
        Assert.All(perInterval, failures => Assert.InRange(failures.Count, 0, IntervalSnapshot.MaxFailures));
        Assert.Contains(perInterval, failures => failures.Count == IntervalSnapshot.MaxFailures);
        Assert.All(perInterval.SelectMany(f => f), f => Assert.Equal("upgrade-rejected-503", f.Class));
    }
}
