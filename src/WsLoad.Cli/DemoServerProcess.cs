using System.Diagnostics;
using System.Text;
using WsLoad.Cli.Commands;

namespace WsLoad.Cli;

/// <summary>
/// The demo's target server, run as a child process of this same executable (<c>wsload serve --port 0</c>): one
/// process holds ~19,000 sockets here, so 10,000 client connections and their 10,000 server ends cannot share one.
/// Dispose kills the child by its own process id; so does process exit (including a forced second Ctrl+C), and the
/// child also stops by itself when our end of its stdin closes.
/// </summary>
internal sealed class DemoServerProcess : IAsyncDisposable
{
    private const int MaxStderrChars = 8_000;

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private DemoServerProcess(Process process)
    {
        _process = process;
    }

    public Uri Url { get; private set; } = new("ws://127.0.0.1/");

    public int ProcessId => _process.Id;

    public static async Task<DemoServerProcess> StartAsync(TimeSpan startTimeout, CancellationToken cancellationToken, IReadOnlyList<string>? serveArguments = null)
    {
        var (fileName, prefix) = SelfCommand();
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in prefix.Concat(["serve", .. serveArguments ?? ["--host", "127.0.0.1", "--port", "0"], ServeCommand.OwnedByParentFlag]))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Workstation GC: the server is one of two processes on a small machine.
        startInfo.Environment["DOTNET_gcServer"] = "0";
        if (!SocketTuning.SetByUser)
        {
            startInfo.Environment.Remove(SocketTuning.InlineCompletions);
        }

        if (!SocketTuning.EngineThreadsSetByUser)
        {
            startInfo.Environment.Remove(SocketTuning.EngineThreads);
        }

        var process = new Process { StartInfo = startInfo };
        process.Start();
        var server = new DemoServerProcess(process);
        AppDomain.CurrentDomain.ProcessExit += server.KillOnExit;
        try
        {
            server.CollectStderr();
            server.Url = await server.ReadListeningUrlAsync(startTimeout, cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // Killed but not yet reaped; nothing more to do from here.
        }

        _process.Dispose();
    }

    /// <summary>The command that starts this same program: the apphost itself, or <c>dotnet wsload.dll</c>.</summary>
    internal static (string FileName, string[] PrefixArguments) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new CliException("cannot find the wsload executable to start a child process (the demo server, a worker)");
        if (Path.GetFileNameWithoutExtension(processPath).Equals("wsload", StringComparison.OrdinalIgnoreCase))
        {
            return (processPath, []);
        }

        // Running under the dotnet host (dotnet wsload.dll, or a test host): start wsload.dll with the same host.
        var host = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? processPath
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return (host, [typeof(Program).Assembly.Location]);
    }

    private async Task<Uri> ReadListeningUrlAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new CliException($"the demo server did not start within {timeout.TotalSeconds:0} s{StderrSuffix()}");
        }

        if (line is null)
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            throw new CliException($"the demo server exited with code {_process.ExitCode} before listening{StderrSuffix()}");
        }

        const string Prefix = "listening ";
        if (!line.StartsWith(Prefix, StringComparison.Ordinal) || !Uri.TryCreate(line[Prefix.Length..].Trim(), UriKind.Absolute, out var url))
        {
            throw new CliException($"the demo server printed '{line}' instead of 'listening ws://...'{StderrSuffix()}");
        }

        return url;
    }

    private void CollectStderr()
    {
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                if (e.Data is not null && _stderr.Length < MaxStderrChars)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    private string StderrSuffix()
    {
        lock (_stderr)
        {
            var text = _stderr.ToString().Trim();
            return text.Length == 0 ? "" : $"; its stderr: {text.ReplaceLineEndings(" | ")}";
        }
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
