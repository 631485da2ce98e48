using System.Diagnostics;
using WsLoad.Cli.Commands;
using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli;
using WsLoad.Workers;

namespace WsLoad.Tests.Workers;

/// <summary>
/// Runs in several real worker processes (<c>wsload worker</c>, started from the built CLI) against the embedded
/// server: the merged run.json must be exact, not an estimate.
/// </summary>
public sealed class WorkerRunTests
{
    [Fact]
    public async Task Two_workers_merge_exactly_the_counts_the_server_saw_and_the_percentiles_of_all_their_samples()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions
            {
                Count = 4000,
                Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(4) },
                Hold = TimeSpan.FromSeconds(4),
            },
            Messages = new MessageOptions { RatePerSecond = 1 },
        };
        var options = new LoadTestOptions { Workers = 2, WorkerLauncher = WorkerCommand.Launch, CommandLine = "test" };
        var controller = new WorkerController(scenario, options, WorkerCommand.Launch) { Received = new() };

        var result = await controller.RunAsync(cts.Token);

        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        Assert.Equal(4000, result.Summary.Connections.Established);
        Assert.Equal(4000, result.Summary.Connections.Peak);

        // What the server counted is what the workers, merged, say they sent and received.
        var stats = server.GetStats();
        Assert.Equal(4000, stats.TotalAccepted);
        Assert.True(result.Summary.Messages.Sent > 20_000, $"sent {result.Summary.Messages.Sent}");
        Assert.Equal(stats.MessagesIn, result.Summary.Messages.Sent);
        Assert.Equal(stats.MessagesOut, result.Summary.Messages.Received);
        Assert.Equal(0, result.Summary.Messages.Lost);

        // Both workers measured, each its half of the connections.
        var byWorker = controller.Received!.GroupBy(r => r.Worker).ToDictionary(g => g.Key, g => g.Select(r => r.Snapshot).ToList());
        Assert.Equal(["worker-1", "worker-2"], byWorker.Keys.Order());
        Assert.All(byWorker.Values, snapshots => Assert.Equal(2000, snapshots.Max(s => s.OpenConnections)));

        // Availability merges from every connection of every worker.
        var availability = result.Summary.Availability!;
        Assert.Equal((100.0, 100.0, 0L), (availability.OverallPercent, availability.MinConnectionPercent, availability.ConnectionsBelowFull));

        // Each worker's own figures are kept beside the merged ones, and add up to them.
        var workers = result.Workers!;
        Assert.Equal(["worker-1", "worker-2"], workers.Select(w => w.Name));
        Assert.Equal(["0:1/2", "1/2:1"], workers.Select(w => w.Segment));
        Assert.All(workers, w => Assert.Equal((2000, 2000L, 2000L, "completed"), (w.PlannedConnections, w.Established, w.PeakOpen, w.Status)));
        Assert.Equal(result.Summary.Messages.Sent, workers.Sum(w => w.Sent));
        Assert.Equal(result.Summary.Messages.Received, workers.Sum(w => w.Received));
        Assert.All(workers, w => Assert.True(w.MaxRssBytes > 0 && w.Intervals > 0, $"{w.Name}: no generator samples"));

        // The merged percentiles are those of one histogram holding every sample of every worker: added, never averaged.
        var all = controller.Received!.Select(r => r.Snapshot.Histogram(HistogramNames.Rtt)).Aggregate(HistogramCounts.Empty, (a, b) => a.Add(b));
        var expected = LatencyStatistics.Summarize(all.ToHistogram())!;
        var merged = result.Summary.LatencyMs.Rtt!;
        Assert.Equal(all.TotalCount, merged.Count);
        Assert.Equal(result.Summary.Messages.Received, merged.Count);
        Assert.Equal((expected.P50, expected.P99, expected.P999, expected.Max), (merged.P50, merged.P99, merged.P999, merged.Max));

        // run.json is the document every reader knows, workers and all.
        Assert.Empty(RunJsonSchema.Validate(RunResultJson.Serialize(result)));

        // No worker process outlives the run.
        Assert.All(controller.ProcessIds, id => Assert.False(IsRunning(id), $"worker {id} still runs"));
    }

    [Fact]
    public async Task A_worker_killed_mid_run_becomes_an_event_and_the_run_ends_with_the_others_data()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a hang fails the test, it never waits forever
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions
            {
                Count = 200,
                Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(1) },
                Hold = TimeSpan.FromSeconds(8),
            },
            Messages = new MessageOptions { RatePerSecond = 2 },
        };
        var options = new LoadTestOptions { Workers = 2, CommandLine = "test" };
        var controller = new WorkerController(scenario, options, WorkerCommand.Launch) { Received = new() };
        var running = controller.RunAsync(cts.Token);

        // Once worker-2 has measured three seconds, it dies without a word.
        while (controller.Received!.Count(r => r.Worker == "worker-2") < 3)
        {
            Assert.False(running.IsCompleted, "the run ended before worker-2 could be killed");
            await Task.Delay(50, cts.Token);
        }

        var victim = controller.ProcessIds[1];
        using (var process = Process.GetProcessById(victim))
        {
            process.Kill();
        }

        var result = await running;

        var lost = Assert.Single(result.Events, e => e.Kind == "worker-lost");
        Assert.Contains("worker-2", lost.Description, StringComparison.Ordinal);
        Assert.Equal(100, lost.Count);
        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.Equal(["completed", "lost"], result.Workers!.Select(w => w.Status));
        Assert.Null(result.Summary.Availability); // half the connections have no account: no figure rather than a flattering one
        Assert.Contains("1 of 2 workers died (worker-2): 50% of the planned load did not run to the end", result.StatusReason, StringComparison.Ordinal);
        Assert.NotEqual(WsLoad.Analysis.ReadinessDecision.Go, result.Analysis?.Verdict.Decision);

        // worker-1 ran to the end: its half was open through the hold, and every message it sent came back.
        Assert.Equal(200, result.Summary.Connections.Established);
        Assert.Equal(100, result.Series[^2].OpenConnections);
        Assert.True(result.Summary.Messages.Received >= controller.Received!.Where(r => r.Worker == "worker-1").Sum(r => r.Snapshot.Counters.Received));
        Assert.All(controller.ProcessIds, id => Assert.False(IsRunning(id), $"worker {id} still runs"));
    }

    [Fact]
    public async Task Ctrl_C_during_a_run_in_workers_writes_an_interrupted_run_json_and_leaves_no_worker_behind()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var work = new TemporaryDirectory("wsload-workers-interrupt");
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        await using var run = WsLoadProcess.Start(
            ["run", "--url", server.WebSocketUrl.ToString(), "-c", "400", "--ramp", "linear:1s", "--hold", "120s", "--rate", "1/s",
             "--workers", "2", "--quiet", "--out", work.Path]);
        await server.WaitForConnectionsAsync(400, cts.Token);
        var workers = ChildProcessIds(run.Id);
        Assert.Equal(2, workers.Count);

        await run.SendInterruptAsync(cts.Token);
        var exitCode = await run.WaitForExitAsync(cts.Token);

        Assert.True(exitCode == 3, $"exit {exitCode}; {run}");
        var result = await RunResultJson.ReadAsync(work.File("run.json"), cts.Token);
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal(400, result.Summary.Connections.Established);
        Assert.True(result.Summary.Messages.Sent > 0 && result.Summary.Messages.Lost == 0, $"sent {result.Summary.Messages.Sent}, lost {result.Summary.Messages.Lost}");
        Assert.All(workers, id => Assert.False(IsRunning(id), $"worker {id} still runs after the controller exited"));
    }

    // The direct children of a process, from /proc (each task's children file lists its child process ids).
    private static List<int> ChildProcessIds(int parent) =>
        [.. Directory.GetDirectories($"/proc/{parent}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))];

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
