using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Acceptance;

namespace WsLoad.Tests.Engine;

/// <summary>Live checkpoints acting on real runs against the embedded server: abort, pause-ramp and ramp-down.</summary>
public sealed class CheckpointActionTests
{
    [Fact]
    public async Task An_abort_checkpoint_stops_a_run_whose_server_starts_delaying_replies_within_its_window_and_2_s()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 50, ramp: linear:1s, hold: 40s }
            messages: { rate: 10/s, timeout: 5s }
            serverFaults:
              at:
                - { at: 5s, set: { replyDelay: 1s } }
            checkpoints:
              - { name: slow replies, when: "rtt.p99[3s] > 500ms", action: abort }
            """);

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.StartsWith("checkpoint 'slow replies': ", result.StatusReason, StringComparison.Ordinal);
        var delayFrom = result.Events.Single(e => e.Kind == "fault-plan-set").AtSeconds;
        var aborted = result.Events.Single(e => e.Kind == "run-aborted").AtSeconds;
        Assert.True(aborted > delayFrom && aborted <= delayFrom + 3 + 2, $"delays from {delayFrom} s, aborted at {aborted} s");
        Assert.Contains(result.Events, e => e.Kind == "checkpoint-fired" && e.Description.Contains("→ abort", StringComparison.Ordinal));
        Assert.True(result.DurationSeconds < 20, $"the run took {result.DurationSeconds} s of its planned 41 s");

        var checkpoint = result.Checkpoints!.Items.Single();
        Assert.Equal(("slow replies", "abort", 1), (checkpoint.Name, checkpoint.Action, checkpoint.Fired));
        Assert.True(checkpoint.WorstValue >= 1000, $"worst p99 {checkpoint.WorstValue} ms");

        // Still a whole run.json, valid against its schema.
        Assert.Empty(RunJsonSchema.Validate(RunResultJson.Serialize(result)));
    }

    [Fact]
    public async Task A_pause_ramp_checkpoint_finds_the_level_at_which_the_server_starts_refusing_upgrades()
    {
        const int Limit = 200;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var faults = new ServerFaults { RefuseUpgradeStatus = 503, RefuseAfterConnections = Limit };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 400, ramp: linear:8s, hold: 5s }
            messages: { rate: 1/s }
            checkpoints:
              - { name: refusals, when: "connections.failed[2s] > 0", action: pause-ramp }
            """);

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Completed, result.Status);
        var checkpoints = result.Checkpoints!;
        Assert.InRange(checkpoints.HighestHealthyLevel!.Value, Limit * 0.95, Limit * 1.05);
        Assert.True(checkpoints.Items.Single().Fired >= 1);

        // The ramp was held: without the checkpoint all 400 would have been tried by 8 s.
        Assert.True(result.Summary.Connections.Attempted < 400, $"{result.Summary.Connections.Attempted} connects attempted");
        Assert.Equal(Limit, result.Summary.Connections.Established);
        Assert.Contains(result.Events, e => e.Kind == "checkpoint-fired");
        Assert.Contains(result.Events, e => e.Kind == "checkpoint-cleared");
    }

    [Fact]
    public async Task A_ramp_down_checkpoint_closes_the_share_it_asks_for_and_opens_no_more()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 100, ramp: linear:1s, hold: 8s }
            messages: { rate: 2/s }
            checkpoints:
              - { name: shed load, when: "connections.open >= 100", action: ramp-down, close: 40%, after: 2s }
            """);

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Completed, result.Status);
        var rampDown = result.Events.Single(e => e.Kind == "ramp-down");
        Assert.Equal(40, rampDown.Count);
        Assert.Contains("closed 40 of 100 open connections", rampDown.Description, StringComparison.Ordinal);

        // Two seconds later the run holds the other 60, closed by it (not dropped), and nothing reopened.
        var after = result.Series.Where(s => s.AtSeconds >= rampDown.AtSeconds + 2 && s.AtSeconds <= 8.5).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, s => Assert.Equal(60, s.OpenConnections));
        Assert.Equal(0, result.Summary.Connections.Dropped);
        Assert.Equal(100, result.Summary.Connections.Established);
        Assert.Equal(0, result.Summary.Messages.Lost);
    }

    [Fact]
    public async Task A_threshold_with_abort_on_fail_stops_the_run_once_its_delay_has_passed_and_the_threshold_still_fails()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var faults = new ServerFaults { ReplyDelay = TimeSpan.FromMilliseconds(100) };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 20, ramp: linear:1s, hold: 40s }
            messages: { rate: 5/s }
            thresholds:
              - { threshold: "rtt.p99 < 50ms", abortOnFail: true, delayAbortEval: 3s }
            """);

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.StartsWith("checkpoint 'threshold rtt.p99 < 50ms (abortOnFail)': ", result.StatusReason, StringComparison.Ordinal);
        var aborted = result.Events.Single(e => e.Kind == "run-aborted").AtSeconds;
        Assert.InRange(aborted, 3, 5); // not before its delay; the first second judged after it already fails
        Assert.False(result.Thresholds.Single().Passed);
    }
}
