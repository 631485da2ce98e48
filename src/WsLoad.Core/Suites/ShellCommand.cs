using System.Diagnostics;
using System.Globalization;

namespace WsLoad.Suites;

/// <summary>What a shell command did: its exit code (null if it was stopped), whether it ran out of time, the end of its output.</summary>
internal sealed record ShellOutcome(int? ExitCode, bool TimedOut, string Output, TimeSpan Took);

/// <summary>
/// Runs a command with <c>/bin/sh -c</c> in a process group of its own (<c>setsid</c>), bounded in time: past its
/// timeout (or on cancellation) the whole group, every process the command started included, is killed by its id.
/// Its output goes to a temporary file rather than a pipe, so a process it leaves in the background cannot keep the
/// suite waiting for the pipe to close; the last 2,000 characters are kept.
/// </summary>
internal static class ShellCommand
{
    private const int KeptOutput = 2_000;

    public static async Task<ShellOutcome> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var log = Path.Combine(Path.GetTempPath(), $"wsload-command-{Guid.NewGuid():N}.log");
        var startInfo = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "--wait", "/bin/sh", "-c", $"exec >'{log}' 2>&1 </dev/null\n{command}" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("setsid could not be started");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var stopped = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            await KillGroupAsync(process.Id);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var output = ReadTail(log);
        File.Delete(log);
        var timedOut = stopped && !cancellationToken.IsCancellationRequested;
        return new ShellOutcome(stopped ? null : process.ExitCode, timedOut, output, started.Elapsed);
    }

    // setsid made the shell the leader of its own group (it was not one, so setsid did not fork): the group's id is its id.
    private static async Task KillGroupAsync(int leader)
    {
        foreach (var target in new[] { "-" + leader.ToString(CultureInfo.InvariantCulture), leader.ToString(CultureInfo.InvariantCulture) })
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-KILL", "--", target }, UseShellExecute = false, RedirectStandardError = true });
            if (kill is not null)
            {
                await kill.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static string ReadTail(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            return text.Length > KeptOutput ? text[^KeptOutput..] : text;
        }
        catch (IOException)
        {
            return "";
        }
    }
}
