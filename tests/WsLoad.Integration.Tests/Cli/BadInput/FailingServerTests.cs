using System.Net.WebSockets;
using WsLoad.Cli;
using WsLoad.Results;
using WsLoad.Server;

namespace WsLoad.Tests.Cli.BadInput;

/// <summary>
/// Targets that fail part-way (refuse upgrades after N, close or abort connections mid-run): the run completes,
/// every failure is counted by class in run.json, the summary shows it, and the exit code follows the thresholds.
/// </summary>
public sealed class FailingServerTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly RealCli _cli = new();

    private CancellationToken Timeout => _timeout.Token;

    public void Dispose()
    {
        _cli.Dispose();
        _timeout.Dispose();
    }

    [Theory]
    [InlineData(new string[0], ExitCodes.Passed, RunStatus.Completed)]
    [InlineData(new[] { "--threshold", "connect.success > 99%" }, ExitCodes.ThresholdsFailed, RunStatus.ThresholdsFailed)]
    public async Task Upgrades_refused_after_50_complete_the_run_with_50_failures_by_class(string[] thresholds, int expectedExit, RunStatus expectedStatus)
    {
        var faults = new ServerFaults { RefuseUpgradeStatus = 503, RefuseAfterConnections = 50 };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, Timeout);

        var exitCode = await _cli.RunAsync(
            Timeout, ["--url", server.WebSocketUrl.AbsoluteUri, "-c", "100", "--ramp", "linear:1s", "--hold", "2s", "-q", .. thresholds]);

        Assert.True(exitCode == expectedExit, $"exit {exitCode}; {_cli}");
        var result = await _cli.ReadRunJsonAsync(Timeout);
        Assert.Equal(expectedStatus, result.Status);
        Assert.Equal(100, result.Summary.Connections.Attempted);
        Assert.Equal(50, result.Summary.Connections.Established);
        Assert.Equal(50, result.Summary.Connections.Failed);
        Assert.Equal(50, Assert.Single(result.ErrorsByClass).Value);
        Assert.Equal("upgrade-rejected-503", result.ErrorsByClass.Keys.Single());
        Assert.Equal("", _cli.Error);
        Assert.Contains("50/100 connected", Assert.Single(RealCli.Lines(_cli.Out)));
    }

    [Fact]
    public async Task A_server_closing_every_connection_mid_run_counts_50_drops_as_close_1011()
    {
        var faults = new ServerFaults { CloseAfterMessages = 5, CloseCode = WebSocketCloseStatus.InternalServerError };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, Timeout);

        var exitCode = await _cli.RunAsync(
            Timeout, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "50", "--ramp", "burst", "--hold", "2s", "--rate", "10/s");

        Assert.True(exitCode == ExitCodes.Passed, $"exit {exitCode}; {_cli}");
        var result = await _cli.ReadRunJsonAsync(Timeout);
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(50, result.Summary.Connections.Established);
        Assert.Equal(50, result.Summary.Connections.Dropped);
        Assert.Equal(50, result.ErrorsByClass["close-1011"]);
        Assert.Equal(50, result.Summary.Availability!.Failures);
        Assert.True(result.Summary.Availability.OverallPercent < 100, $"availability {result.Summary.Availability.OverallPercent}% with every connection dropped");
        Assert.Equal(50, result.CloseCodes["1011"]);
        Assert.Equal(250, result.Summary.Messages.Received); // 5 answers per connection, then the close
        Assert.All(result.ErrorsByClass.Keys, key => Assert.Contains(key, new[] { "close-1011", "message-lost" }));
        Assert.Equal("", _cli.Error);
        Assert.Contains("close-1011", _cli.Out); // the summary's errors-by-class table
        Assert.Contains("NO-GO: 50/50 connected", _cli.Out); // no thresholds: the readiness verdict leads, not "PASSED"
        Assert.DoesNotContain("PASSED", _cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_aborting_every_connection_mid_run_counts_50_drops_as_close_1006()
    {
        var faults = new ServerFaults { AbortAfterMessages = 3 };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, Timeout);

        // 10 msg/s: the third message goes ~0.3 s after connecting, well inside the hold even on a busy machine.
        var exitCode = await _cli.RunAsync(
            Timeout, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "50", "--ramp", "burst", "--hold", "4s", "--rate", "10/s");

        Assert.True(exitCode == ExitCodes.Passed, $"exit {exitCode}; {_cli}");
        var result = await _cli.ReadRunJsonAsync(Timeout);
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(50, result.Summary.Connections.Established);
        Assert.Equal(50, result.Summary.Connections.Dropped);
        var aborts = result.ErrorsByClass.Where(e => e.Key.StartsWith("close-1006-", StringComparison.Ordinal)).ToList();
        Assert.True(aborts.Count > 0, string.Join(", ", result.ErrorsByClass));
        Assert.Equal(50, aborts.Sum(e => e.Value));
        // At most 2 answers per connection (the 3rd message is not answered). Fewer may arrive: a reset discards what
        // the client's kernel held but the client had not read yet. Whatever did not come back is lost, exactly.
        Assert.InRange(result.Summary.Messages.Received, 1, 100);
        Assert.Equal(result.Summary.Messages.Sent - result.Summary.Messages.Received, result.Summary.Messages.Lost);
        Assert.Equal(result.Summary.Messages.Lost, result.ErrorsByClass.GetValueOrDefault("message-lost"));
        Assert.Equal("", _cli.Error);
        Assert.Contains("close-1006-", _cli.Out);
    }
}
