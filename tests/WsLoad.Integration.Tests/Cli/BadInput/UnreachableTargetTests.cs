using System.Text.Json;
using WsLoad.Cli;
using WsLoad.Results;
using WsLoad.Server;

namespace WsLoad.Tests.Cli.BadInput;

/// <summary>
/// Targets that accept no connection at all (nothing listening, every upgrade refused): the engine aborts, the CLI
/// prints one line naming the cause with a hint instead of all-zero tables, writes run.json and exits 3.
/// </summary>
public sealed class UnreachableTargetTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly RealCli _cli = new();

    private CancellationToken Timeout => _timeout.Token;

    public void Dispose()
    {
        _cli.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Nothing_listening_is_one_line_exit_3_and_connect_refused_in_run_json()
    {
        var url = $"ws://127.0.0.1:{RealCli.UnusedPort()}/ws";

        var exitCode = await _cli.RunAsync(Timeout, "--url", url, "-c", "5", "--ramp", "burst", "--hold", "5s");

        Assert.True(exitCode == ExitCodes.Interrupted, $"exit {exitCode}; {_cli}");
        var line = Assert.Single(_cli.ErrorLines);
        Assert.StartsWith($"wsload: aborted: no connection could be established to {url}: connect-refused: ", line);
        Assert.Contains("is the server running", line);
        Assert.EndsWith($"(results: {_cli.RunJsonPath})", line);
        Assert.Equal("", _cli.Out);

        var result = await _cli.ReadRunJsonAsync(Timeout);
        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.Equal(0, result.Summary.Connections.Established);
        Assert.Equal(5, result.Summary.Connections.Failed);
        Assert.Equal(5, Assert.Single(result.ErrorsByClass, e => e.Key == "connect-refused").Value);
    }

    [Fact]
    public async Task Nothing_listening_with_json_output_keeps_stdout_pure_json_and_the_line_on_stderr()
    {
        var url = $"ws://127.0.0.1:{RealCli.UnusedPort()}/ws";

        var exitCode = await _cli.RunAsync(Timeout, "--url", url, "-c", "3", "--ramp", "burst", "-o", "json");

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        using var json = JsonDocument.Parse(_cli.Out);
        Assert.Equal("aborted", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("errorsByClass").GetProperty("connect-refused").GetInt64());
        Assert.StartsWith("wsload: aborted: no connection could be established", Assert.Single(_cli.ErrorLines));
    }

    [Fact]
    public async Task Nothing_listening_through_the_real_executable_is_one_line_on_stderr_and_exits_3()
    {
        var url = $"ws://127.0.0.1:{RealCli.UnusedPort()}/ws";

        await using var wsload = WsLoadProcess.Start("run", "--url", url, "-c", "5", "--ramp", "burst", "--out", _cli.OutDir);

        Assert.True(await wsload.WaitForExitAsync(Timeout) == ExitCodes.Interrupted, wsload.ToString());
        var line = Assert.Single(RealCli.Lines(wsload.StandardError));
        Assert.StartsWith($"wsload: aborted: no connection could be established to {url}: connect-refused: ", line);
        Assert.Equal("", wsload.StandardOutput);
        var result = await _cli.ReadRunJsonAsync(Timeout);
        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.True(result.ErrorsByClass["connect-refused"] > 0);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(503)]
    public async Task Refused_upgrades_name_the_http_status_and_exit_3(int status)
    {
        var faults = new ServerFaults { RefuseUpgradeStatus = status };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, Timeout);

        var exitCode = await _cli.RunAsync(Timeout, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "5", "--ramp", "burst", "--hold", "5s");

        Assert.True(exitCode == ExitCodes.Interrupted, $"exit {exitCode}; {_cli}");
        var line = Assert.Single(_cli.ErrorLines);
        Assert.StartsWith($"wsload: aborted: no connection could be established to {server.WebSocketUrl}: upgrade-rejected-{status}: ", line);
        Assert.Contains($"the server refused the WebSocket upgrade with HTTP {status}", line);
        Assert.Equal("", _cli.Out);

        var result = await _cli.ReadRunJsonAsync(Timeout);
        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.Equal(5, Assert.Single(result.ErrorsByClass, e => e.Key == $"upgrade-rejected-{status}").Value);
        Assert.Equal(5, server.GetStats().UpgradesRefused);
    }
}
