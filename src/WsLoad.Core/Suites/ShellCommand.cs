using System.Diagnostics;
using System.Text;

namespace WsLoad.Suites;

/// <summary>What a shell command did: its exit code (null if it was stopped), whether it ran out of time, the end of its output.</summary>
internal sealed record ShellOutcome(int? ExitCode, bool TimedOut, string Output, TimeSpan Took);

/// <summary>
/// Runs a command with <c>/bin/sh -c</c>, bounded in time: past its timeout (or on cancellation) the command and every
/// process it started are killed, by the process id we started. Keeps the last 2,000 characters of its output.
/// </summary>
internal static class ShellCommand
{
    private const int KeptOutput = 2_000;

    public static async Task<ShellOutcome> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(command);
        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                if (output.Length > KeptOutput * 2)
                {
                    output.Remove(0, output.Length - KeptOutput);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        string kept;
        lock (output)
        {
            kept = output.Length > KeptOutput ? output.ToString(output.Length - KeptOutput, KeptOutput) : output.ToString();
        }

        return new ShellOutcome(timedOut || cancellationToken.IsCancellationRequested ? null : process.ExitCode, timedOut, kept, started.Elapsed);
    }
}
