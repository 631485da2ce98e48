using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Acceptance;

namespace WsLoad.Tests.Engine;

/// <summary>
/// The run's result is a fold of the snapshots it emitted: nothing in run.json is read from live engine state that the
/// snapshots and the final record do not carry.
/// </summary>
public sealed class SnapshotFoldTests
{
    [Fact]
    public async Task A_real_run_equals_the_fold_of_its_own_snapshots_and_its_phases_add_up()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        // Every 40th echo dropped and every 97th duplicated: the fold must carry losses and integrity counts too.
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = new ServerFaults { DropEvery = 40, DuplicateEvery = 97 } }, cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions
            {
                Count = 150,
                Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(2) },
                Hold = TimeSpan.FromSeconds(3),
                RampDown = TimeSpan.FromSeconds(1),
            },
            Messages = new MessageOptions
            {
                RatePerSecond = 10,
                Types =
                [
                    new MessageType { Name = "chat", Weight = 3, Size = SizeSpec.Fixed(100) },
                    new MessageType { Name = "blob", Weight = 1, Format = PayloadFormat.Binary, Size = SizeSpec.Range(64, 512) },
                ],
            },
            Thresholds = ["rtt.p99 < 10s", "rtt.p99{phase:all} < 10s"],
        };

        using var run = new LoadTestRun(scenario, new LoadTestOptions { KeepSnapshots = true });
        var result = await run.RunAsync(cts.Token);

        var snapshots = run.EmittedSnapshots;
        var (frame, final) = run.Ending!.Value;
        Assert.True(snapshots.Count >= 6, $"{snapshots.Count} snapshots");
        Assert.True(result.Summary.Messages.Lost > 0, "the server dropped every 40th echo, so some were lost");

        // Through the wire form, as a worker would send them.
        var builder = new RunResultBuilder(scenario);
        foreach (var snapshot in snapshots)
        {
            builder.Add(IntervalSnapshotJson.Deserialize(IntervalSnapshotJson.Serialize(snapshot)));
        }

        var folded = builder.Build(frame, [final]);
        Assert.Equal(RunResultJson.Serialize(result), RunResultJson.Serialize(folded));

        // The phases' counts add up to the whole run's, and every phase the plan went through is there.
        Assert.Equal(["ramp-up", "hold", "ramp-down", "closing"], result.Phases.Keys.Intersect(["ramp-up", "hold", "ramp-down", "closing"]).ToArray());
        var phases = result.Phases.Values.ToList();
        var whole = result.Summary;
        Assert.Equal(whole.Messages.Sent, phases.Sum(p => p.Counters.Sent));
        Assert.Equal(whole.Messages.Received, phases.Sum(p => p.Counters.Received));
        Assert.Equal(whole.Messages.BytesSent, phases.Sum(p => p.Counters.BytesSent));
        Assert.Equal(whole.Connections.Attempted, phases.Sum(p => p.Counters.ConnectsAttempted));
        Assert.Equal(whole.Connections.Established, phases.Sum(p => p.Counters.ConnectsEstablished));
        Assert.Equal(whole.Connections.ClosedNormally, phases.Sum(p => p.Counters.ClosedNormally));
        Assert.Equal(whole.LatencyMs.Rtt!.Count, phases.Sum(p => p.Rtt?.Count ?? 0));
        Assert.Equal(whole.LatencyMs.Connect!.Count, phases.Sum(p => p.Connect?.Count ?? 0));
        Assert.Equal(result.Series.Count, phases.Sum(p => p.Intervals));
        Assert.Equal(result.Series.Where(s => s.Phase == "hold").Sum(s => s.Received), result.Phases["hold"].Counters.Received);
        Assert.True(result.Summary.Messages.Duplicated > 0, "the server duplicated every 97th echo");

        // A threshold says the phase it judged: latency on the hold unless it names another.
        Assert.Equal(["hold", "all"], result.Thresholds.Select(t => t.Phase));
        Assert.Equal([result.Phases["hold"].Rtt!.P99, whole.LatencyMs.Rtt.P99], result.Thresholds.Select(t => t.Value!.Value));

        // The schema covers the phases, and checks them: a phase the plan has no name for, or a negative count, is refused.
        Assert.Empty(RunJsonSchema.Validate(RunResultJson.Serialize(result)));
        var hold = result.Phases["hold"];
        var unnamed = new Dictionary<string, PhaseSummary>(result.Phases) { ["steady"] = hold };
        Assert.NotEmpty(RunJsonSchema.Validate(RunResultJson.Serialize(result with { Phases = unnamed })));
        var negative = new Dictionary<string, PhaseSummary>(result.Phases) { ["hold"] = hold with { Counters = hold.Counters with { Sent = -1 } } };
        Assert.NotEmpty(RunJsonSchema.Validate(RunResultJson.Serialize(result with { Phases = negative })));
    }
}
