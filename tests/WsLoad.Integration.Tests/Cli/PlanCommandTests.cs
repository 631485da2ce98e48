using WsLoad.Server;
using WsLoad.Tests.Acceptance;

namespace WsLoad.Tests.Cli;

/// <summary><c>wsload plan</c> and the same arithmetic before <c>run</c>, through the built CLI.</summary>
public sealed class PlanCommandTests
{
    private static string Example => Path.Combine(RepositoryPaths.Root, "examples", "scale-100k.yaml");

    [Fact]
    public async Task Plan_says_how_many_workers_and_source_addresses_a_hundred_thousand_connections_need()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var plan = WsLoadProcess.Start("plan", Example);

        var exitCode = await plan.WaitForExitAsync(cts.Token);

        Assert.True(exitCode == 2, $"exit {exitCode}; {plan}");
        Assert.Contains("processes        1 asked, 6 needed", plan.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("source addresses 4 chosen (127.0.0.1-127.0.0.4: the target is on loopback), 4 needed", plan.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--workers 6", plan.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_of_a_plan_that_does_not_fit_stops_before_any_connection_and_says_what_to_change()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var work = new TemporaryDirectory("wsload-plan-run");
        await using var run = WsLoadProcess.Start("run", Example, "--url", server.WebSocketUrl.ToString(), "--out", work.Path);

        var exitCode = await run.WaitForExitAsync(cts.Token);

        Assert.True(exitCode == 2, $"exit {exitCode}; {run}");
        Assert.Contains("does not fit on this machine", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("--workers 6", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, server.GetStats().TotalAccepted);
        Assert.False(File.Exists(work.File("run.json")));
    }

    [Fact]
    public async Task Force_runs_past_the_check()
    {
        // 30,000 connections do not fit one process's open files; against a port nothing listens on, the forced run
        // gets past the check, tries, and stops at its own fail-fast after the first refused connects.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var work = new TemporaryDirectory("wsload-plan-force");
        var closedPort = ClosedPort();
        await using var run = WsLoadProcess.Start(
            "run", "--url", $"ws://127.0.0.1:{closedPort}/ws", "-c", "30000", "--ramp", "linear:30s", "--hold", "1s", "--force", "--quiet", "--out", work.Path);

        var exitCode = await run.WaitForExitAsync(cts.Token);

        Assert.DoesNotContain("does not fit", run.StandardError, StringComparison.Ordinal);
        Assert.True(exitCode != 2, $"exit {exitCode}; {run}");
        var result = await Results.RunResultJson.ReadAsync(work.File("run.json"), cts.Token);
        Assert.True(result.Summary.Connections.Attempted > 0 && result.Summary.Connections.Established == 0, $"{result.Summary.Connections}");
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed
    }
}
