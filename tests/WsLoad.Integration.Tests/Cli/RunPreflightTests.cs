using WsLoad.Cli;
using WsLoad.Cli.Preflight;
using WsLoad.Planning;

namespace WsLoad.Tests.Cli;

/// <summary>
/// The checks before <c>run</c> through the command line in this process, on a pretend small machine (fake engine and
/// target probe: nothing here opens a socket).
/// </summary>
public sealed class RunPreflightTests : IDisposable
{
    // 1,500 open files: a process holds 500 connections besides the runtime's 1,000.
    private static readonly MachineLimits Small = new() { Cores = 2, MemoryAvailableBytes = 8L << 30, OpenFileLimit = 1_500, OpenFileHardLimit = 4_096, PortsPerAddress = 28_232 };

    private readonly InProcessCli _cli = new() { Machine = Small };
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "wsload-preflight-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _cli.Dispose();
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_past_the_open_file_limit_stops_with_exit_2_and_the_fixes_before_the_engine_starts()
    {
        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "-c", "600", "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Null(_cli.RanScenario);
        Assert.Contains("600 connections in one process need 1,600 open files; a process may open 1,500", _cli.Error, StringComparison.Ordinal);
        Assert.Contains("--workers 2", _cli.Error, StringComparison.Ordinal);
        Assert.Contains("ulimit -Hn 1600", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_runs_it_anyway_and_says_what_it_ignored()
    {
        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "-c", "600", "--force", "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.Passed, exitCode);
        Assert.Equal(600, _cli.RanScenario?.Connections.Count);
        Assert.Contains("running anyway (--force): 600 connections in one process", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_run_in_two_workers_fits()
    {
        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "-c", "600", "--workers", "2", "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.Passed, exitCode);
        Assert.Equal(2, _cli.RanOptions?.Workers);
        Assert.DoesNotContain("does not fit", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_does_not_answer_is_a_warning_and_the_run_goes_on()
    {
        _cli.Probe = new TargetProbeResult(TargetAnswer.NoAnswer, "no answer in 3 s");

        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://192.0.2.1:8080/ws", "-c", "10", "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.Passed, exitCode);
        Assert.NotNull(_cli.RanScenario);
        Assert.Contains("wsload: warning: 192.0.2.1:8080 did not accept a TCP connection (no answer in 3 s)", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_target_is_left_to_the_run_which_says_it_in_one_line()
    {
        _cli.Probe = new TargetProbeResult(TargetAnswer.Refused, "refused the connection: nothing listens there");

        await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "-c", "10", "--out", _outDir, "-q");

        Assert.NotNull(_cli.RanScenario);
        Assert.Equal("", _cli.Error);
    }

    [Fact]
    public async Task Plan_with_workers_auto_picks_the_count_from_the_open_file_limit()
    {
        var exitCode = await _cli.InvokeAsync("plan", "--url", "ws://127.0.0.1:1/ws", "-c", "1200", "--workers", "auto");

        Assert.True(exitCode == ExitCodes.Passed, _cli.Out + _cli.Error);
        Assert.Contains("processes        3 (auto), 3 needed: 400 connections per process, 1,400 open files each", _cli.Out, StringComparison.Ordinal);
        Assert.Contains("Fits as given.", _cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_workers_auto_runs_in_as_many_processes_as_plan_says_and_says_so()
    {
        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "-c", "1200", "--workers", "auto", "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.Passed, exitCode);
        Assert.Equal(3, _cli.RanOptions?.Workers);
        Assert.Contains("wsload: chose 3 worker processes (--workers auto: 400 connections each against 1,500 open files)", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_toward_loopback_past_one_addresss_ports_gets_loopback_sources_on_its_own()
    {
        _cli.Machine = Small with { PortsPerAddress = 1_000 }; // 900 usable

        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "-c", "2000", "--workers", "auto", "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.Passed, exitCode);
        Assert.Equal(["127.0.0.1-127.0.0.3"], _cli.RanScenario?.Connections.SourceAddresses);
        Assert.Contains("source addresses 127.0.0.1-127.0.0.3 (one address has 900 usable ports toward the target; 667 connections each)", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_makes_the_same_checks_and_stops_when_its_plan_does_not_fit()
    {
        // Two client workers asked for 1,200 connections: 600 a process against 500.
        var exitCode = await _cli.InvokeAsync("demo", "--server-url", "ws://127.0.0.1:1/ws", "-c", "1200", "--workers", "2", "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Null(_cli.RanScenario);
        Assert.Contains("600 connections in one process need 1,600 open files", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_picks_its_workers_itself_by_default()
    {
        var exitCode = await _cli.InvokeAsync("demo", "--server-url", "ws://127.0.0.1:1/ws", "-c", "1200", "--hold", "1s", "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.Passed, exitCode);
        Assert.Equal(3, _cli.RanOptions?.Workers);
    }

    [Theory]
    [InlineData("plan", "0")]
    [InlineData("plan", "some")]
    [InlineData("run", "65")]
    [InlineData("demo", "0")]
    public async Task Workers_is_a_number_or_auto(string command, string workers)
    {
        string[] args = command == "demo" ? [command, "--workers", workers] : [command, "--url", "ws://127.0.0.1:1/ws", "--workers", workers];

        Assert.Equal(ExitCodes.UsageError, await _cli.InvokeAsync(args));
        Assert.Contains($"--workers '{workers}': give a number of processes from 1 to 64, or auto", _cli.Error, StringComparison.Ordinal);
    }
}
