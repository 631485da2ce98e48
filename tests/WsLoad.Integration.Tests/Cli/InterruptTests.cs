using WsLoad.Cli;
using WsLoad.Results;

namespace WsLoad.Tests.Cli;

/// <summary>Ctrl+C as the commands see it: the shutdown token passed to the command line is cancelled.</summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "wsload-interrupt-tests-" + Guid.NewGuid().ToString("N"));
    private readonly InProcessCli _cli = new();

    public void Dispose()
    {
        _cli.Dispose();
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }

    [Fact]
    public async Task An_interrupted_run_still_writes_run_json_and_exits_3()
    {
        _cli.Engine = async cancellationToken =>
        {
            // The engine stops when cancelled and returns what it measured, marked interrupted.
            await _cli.Shutdown.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return SampleRuns.Result(RunStatus.Interrupted);
        };

        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "--out", _outDir, "--quiet");

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Equal(Path.Combine(_outDir, "run.json"), _cli.WrittenRunJsonPath);
        Assert.StartsWith("INTERRUPTED:", _cli.Out);
    }

    [Fact]
    public async Task An_engine_that_throws_on_cancellation_exits_3_with_one_line()
    {
        _cli.Engine = async cancellationToken =>
        {
            await _cli.Shutdown.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return SampleRuns.Result();
        };

        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "--out", _outDir, "--quiet");

        Assert.Equal(ExitCodes.Interrupted, exitCode);
        Assert.Null(_cli.WrittenRunJsonPath);
        Assert.Equal("wsload: interrupted before a result was available", _cli.Error.Trim());
    }
}
