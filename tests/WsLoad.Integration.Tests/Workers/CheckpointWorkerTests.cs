using WsLoad.Cli.Commands;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Workers;

/// <summary>Checkpoints over two real worker processes: the controller judges the merged seconds and the workers act.</summary>
public sealed class CheckpointWorkerTests
{
    [Fact]
    public async Task A_ramp_down_judged_on_the_merged_run_closes_that_share_in_every_worker_and_each_says_what_it_closed()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 200, ramp: linear:1s, hold: 8s }
            messages: { rate: 1/s }
            checkpoints:
              - { name: all in, when: "connections.open >= 200", action: ramp-down, to: 50, after: 2s }
            """);
        var options = new LoadTestOptions { Workers = 2, WorkerLauncher = WorkerCommand.Launch, CommandLine = "test" };

        var result = await LoadTest.RunAsync(scenario, options, cts.Token);

        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        var rampDowns = result.Events.Where(e => e.Kind == "ramp-down").ToList();
        Assert.Equal(2, rampDowns.Count); // one per worker, each with its own count
        Assert.Equal(150, rampDowns.Sum(e => e.Count));
        var after = result.Series.Where(s => s.AtSeconds >= rampDowns.Max(e => e.AtSeconds) + 2 && s.AtSeconds <= 8.5).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, s => Assert.Equal(50, s.OpenConnections));
        Assert.Equal(1, result.Checkpoints!.Items.Single().Fired);
    }

    [Fact]
    public async Task An_abort_judged_by_the_controller_stops_every_worker_and_the_run_is_aborted_naming_the_checkpoint()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 100, ramp: linear:1s, hold: 60s }
            messages: { rate: 1/s }
            checkpoints:
              - { name: enough, when: "messages.received > 300", action: abort }
            """);
        var options = new LoadTestOptions { Workers = 2, WorkerLauncher = WorkerCommand.Launch, CommandLine = "test" };

        var result = await LoadTest.RunAsync(scenario, options, cts.Token);

        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.StartsWith("checkpoint 'enough': ", result.StatusReason, StringComparison.Ordinal);
        Assert.True(result.DurationSeconds < 30, $"{result.DurationSeconds} s of the planned 61 s");
        Assert.Contains(result.Events, e => e.Kind == "run-aborted");
    }
}
