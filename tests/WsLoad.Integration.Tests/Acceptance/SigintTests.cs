using WsLoad.Results;
using WsLoad.Server;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Acceptance;

/// <summary>Ctrl+C on the real executable: what was measured is kept.</summary>
public sealed class SigintTests
{
    [Fact]
    public async Task Sigint_during_a_run_closes_gracefully_writes_run_json_interrupted_and_exits_3()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var work = new TemporaryDirectory("wsload-sigint");
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), timeout.Token);
        await using var run = WsLoadProcess.Start(
            ["run", "--url", server.WebSocketUrl.ToString(), "--connections", "200", "--ramp", "linear:1s", "--hold", "10m",
             "--rate", "5/s", "--out", work.Path]);

        await server.WaitForConnectionsAsync(200, timeout.Token);
        await run.SendInterruptAsync(timeout.Token);
        var exitCode = await run.WaitForExitAsync(timeout.Token);

        Assert.True(exitCode == 3, $"exit {exitCode}: {run}");
        var result = await RunResultJson.ReadAsync(work.File("run.json"), timeout.Token);
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal(200, result.Summary.Connections.Established);
        Assert.Equal(200, result.Summary.Connections.ClosedNormally);
        Assert.Equal(0, result.Summary.Connections.Dropped);
        Assert.True(result.Summary.Messages.Sent > 0);
        Assert.Equal(result.Summary.Messages.Sent, result.Summary.Messages.Received);
    }
}
