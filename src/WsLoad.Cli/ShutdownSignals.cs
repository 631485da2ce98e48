using System.Runtime.InteropServices;

namespace WsLoad.Cli;

/// <summary>
/// Ctrl+C / SIGINT / SIGTERM handling for the process. The first signal cancels <see cref="Token"/> so the running
/// command stops gracefully (the engine closes connections and returns an interrupted result); a second one exits at
/// once with <see cref="ExitCodes.Interrupted"/> (ProcessExit handlers still run, so child processes are killed).
/// Signal callbacks may come from any thread; the count is interlocked.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TextWriter _error;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _signals;

    public ShutdownSignals(TextWriter error)
    {
        _error = error;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _shutdown.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _shutdown.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the runtime from terminating the process: the command decides when to exit.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _error.WriteLine("wsload: stopping (press Ctrl+C again to exit at once)");
            _shutdown.Cancel();
        }
        else
        {
            Environment.Exit(ExitCodes.Interrupted);
        }
    }
}
