using System.Diagnostics;
using System.Globalization;
using WsLoad.Suites;

namespace WsLoad.Tests.Suites;

/// <summary>Suite commands (checks, cleanup): bounded in time, killed with all they started, never held up by a background child.</summary>
public class ShellCommandTests
{
    [Fact]
    public async Task A_command_that_leaves_a_process_in_the_background_returns_when_the_shell_exits()
    {
        var clock = Stopwatch.StartNew();

        var outcome = await ShellCommand.RunAsync("sleep 20 & echo started", TimeSpan.FromSeconds(15), CancellationToken.None);

        Assert.Equal(0, outcome.ExitCode);
        Assert.False(outcome.TimedOut);
        Assert.Equal("started", outcome.Output.Trim());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}"); // not the background sleep's 20 s
    }

    [Fact]
    public async Task Past_its_timeout_a_command_and_every_process_it_started_are_killed()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"wsload-shell-{Guid.NewGuid():N}.pid");

        var outcome = await ShellCommand.RunAsync($"sleep 60 & echo $! > {pidFile}; wait", TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(outcome.TimedOut);
        Assert.Null(outcome.ExitCode);
        var child = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        File.Delete(pidFile);
        await Task.Delay(200);
        Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Split(')')[^1].TrimStart().StartsWith('Z'), $"the background sleep (pid {child}) still runs");
    }

    [Fact]
    public async Task A_failing_command_gives_its_exit_code_and_the_end_of_its_output()
    {
        var outcome = await ShellCommand.RunAsync("echo one; echo two >&2; exit 7", TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(7, outcome.ExitCode);
        Assert.Equal("one\ntwo", outcome.Output.Trim());
    }
}
