using WsLoad.Cli;
using WsLoad.Cli.Console;
using WsLoad.Results;

namespace WsLoad.Tests.Cli.BadInput;

/// <summary>The one line for a run that aborted with nothing established, over fixture results (no sockets).</summary>
public sealed class NoConnectionLineTests : IDisposable
{
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "wsload-noconnection-tests-" + Guid.NewGuid().ToString("N"));
    private readonly InProcessCli _cli = new();

    public void Dispose()
    {
        _cli.Dispose();
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("connect-refused", "refused during tcp: Connection refused", "is the server running and the URL (host and port) right?")]
    [InlineData("upgrade-rejected-401", "upgrade rejected: HTTP/1.1 401 Unauthorized", "the server refused the WebSocket upgrade with HTTP 401 (check the URL path, auth headers")]
    [InlineData("connect-tls", "tls during tls: The remote certificate is invalid", "pass --insecure, or set target.tls.caCertificate")]
    [InlineData("connect-timeout", "connect timed out during tcp", "raise --connect-timeout")]
    [InlineData("connect-dns", "dns during dns: Name or service not known", "the host name could not be resolved")]
    [InlineData("connect-reset", "connection closed during the upgrade", "ws:// vs wss://")]
    [InlineData("connect-protocol", "101 response without Upgrade", "is the URL a WebSocket endpoint?")]
    public void The_line_names_the_url_the_cause_and_a_hint_for_its_class(string failureClass, string message, string hint)
    {
        var result = Aborted($"no connection could be established: {failureClass}: {message}", failureClass);

        var line = NoConnectionLine.Build(result, "out/run.json");

        Assert.StartsWith($"wsload: aborted: no connection could be established to ws://127.0.0.1:9/ws: {failureClass}: {message} — ", line);
        Assert.Contains(hint, line);
        Assert.EndsWith(" (results: out/run.json)", line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void Another_reason_is_kept_as_it_is_with_the_hint_of_the_most_counted_class()
    {
        var result = Aborted("engine error: boom", "connect-refused");

        Assert.Equal(
            "wsload: aborted: engine error: boom — is the server running and the URL (host and port) right?",
            NoConnectionLine.Build(result, runJsonPath: null));
    }

    [Fact]
    public void An_unknown_class_gets_no_hint()
    {
        var result = Aborted("no connection could be established: connect-other: something odd", "connect-other");

        Assert.Equal(
            "wsload: aborted: no connection could be established to ws://127.0.0.1:9/ws: connect-other: something odd",
            NoConnectionLine.Build(result, runJsonPath: null));
    }

    [Theory]
    [InlineData("-q")]
    [InlineData("--output", "text")]
    public async Task An_aborted_run_with_nothing_established_prints_only_the_line_on_stderr(params string[] format)
    {
        _cli.Result = Aborted("no connection could be established: connect-refused: refused during tcp: Connection refused", "connect-refused");

        var exitCode = await _cli.InvokeAsync(["run", "--url", "ws://127.0.0.1:9/ws", "--out", _outDir, .. format]);

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Equal("", _cli.Out);
        Assert.StartsWith("wsload: aborted: no connection could be established to ws://127.0.0.1:9/ws: connect-refused", Assert.Single(RealCli.Lines(_cli.Error)));
        Assert.Equal(Path.Combine(_outDir, "run.json"), _cli.WrittenRunJsonPath);
    }

    [Fact]
    public async Task An_aborted_run_that_established_connections_keeps_the_full_summary()
    {
        _cli.Result = SampleRuns.Result(RunStatus.Aborted) with { StatusReason = "engine error: boom" };

        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:9/ws", "--out", _outDir);

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Equal("", _cli.Error);
        Assert.Contains("Connections", _cli.Out);
        Assert.Contains("Errors by class", _cli.Out);
        Assert.Contains("ABORTED: 9,998/10,000 connected", _cli.Out);
    }

    private static RunResult Aborted(string reason, string failureClass)
    {
        var sample = SampleRuns.Result(RunStatus.Aborted);
        return sample with
        {
            StatusReason = reason,
            Summary = sample.Summary with { Connections = new ConnectionSummary { Attempted = 20, Failed = 20 } },
            ErrorsByClass = new Dictionary<string, long> { [failureClass] = 20, ["connect-other"] = 1 },
        };
    }
}
