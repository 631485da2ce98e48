using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace WsLoad.Tests.Cli;

/// <summary>
/// Runs the built <c>wsload.dll</c> (copied next to the test assembly by the project reference) as a child process
/// via <c>dotnet</c>: captures stdout line by line and stderr, sends signals with <c>kill</c>, and always kills the
/// process (tree) on dispose, pass or fail. Output events arrive on thread-pool threads; the buffers are locked.
/// </summary>
public sealed class WsLoadProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private WsLoadProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The wsload.dll next to the test assembly.</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "wsload.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything written to stdout so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything written to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet wsload.dll ARGS</c>; <paramref name="environment"/> entries are added to the child's.</summary>
    public static WsLoadProcess Start(IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!File.Exists(DllPath))
        {
            throw new FileNotFoundException("wsload.dll is not next to the test assembly; does the test project reference WsLoad.Cli?", DllPath);
        }

        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var wsload = new WsLoadProcess(new Process { StartInfo = startInfo, EnableRaisingEvents = true });
        wsload.StartCapturing();
        return wsload;
    }

    public static WsLoadProcess Start(params string[] arguments) => Start((IEnumerable<string>)arguments);

    /// <summary>The next stdout line; throws if stdout ends first (the process exited) or the token fires.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _stdoutLines.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"wsload closed stdout without another line; stderr: {StandardError}");
        }
    }

    /// <summary>Sends a signal by name (INT, TERM, KILL) with <c>kill -SIGNAL pid</c>.</summary>
    public async Task SendSignalAsync(string signal, CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start kill");
        await kill.WaitForExitAsync(cancellationToken);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {Id} exited with {kill.ExitCode}");
        }
    }

    public Task SendInterruptAsync(CancellationToken cancellationToken) => SendSignalAsync("INT", cancellationToken);

    /// <summary>Waits for the process to exit (and for its output to be read to the end) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Closes the child's stdin (the signal <c>serve --owned-by-parent</c> waits for).</summary>
    public void CloseStandardInput() => _process.StandardInput.Close();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>A one-line description for assertion messages.</summary>
    public override string ToString() => $"wsload pid {Id}; stdout: {StandardOutput}; stderr: {StandardError}";

    private void StartCapturing()
    {
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _stdoutLines.Writer.TryComplete();
                return;
            }

            lock (_stdout)
            {
                _stdout.AppendLine(e.Data);
            }

            _stdoutLines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }
}
