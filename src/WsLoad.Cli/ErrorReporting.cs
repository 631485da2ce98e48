using System.Security;
using WsLoad.Scenarios;

namespace WsLoad.Cli;

/// <summary>
/// Turns an exception escaping a command into one line on stderr and an exit code: configuration problems exit 2,
/// an interrupt before a result exits 3, anything else is reported as an internal error (exit 4). Stack traces only
/// with <c>--verbose</c>.
/// </summary>
internal static class ErrorReporting
{
    public static async Task<int> GuardAsync(Func<Task<int>> command, CliConsole console, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await command();
        }
        catch (Exception exception)
        {
            return Report(exception, console, verbose, cancellationToken);
        }
    }

    public static int Report(Exception exception, CliConsole console, bool verbose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(console);
        int exitCode;
        switch (exception)
        {
            case ScenarioException scenario:
                foreach (var error in scenario.Errors)
                {
                    console.Error.WriteLine(error.ToString());
                }

                exitCode = ExitCodes.UsageError;
                break;
            case CliException cli:
                console.Error.WriteLine($"wsload: error: {OneLine(cli.Message)}");
                exitCode = cli.ExitCode;
                break;
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                console.Error.WriteLine("wsload: interrupted before a result was available");
                exitCode = ExitCodes.Interrupted;
                break;
            case var _ when IsConfiguration(exception):
                console.Error.WriteLine($"wsload: error: {OneLine(exception.Message)}");
                exitCode = ExitCodes.UsageError;
                break;
            default:
                console.Error.WriteLine($"wsload: internal error: {exception.GetType().Name}: {OneLine(exception.Message)}"
                    + (verbose ? "" : " (run with --verbose for details)"));
                exitCode = ExitCodes.InternalError;
                break;
        }

        if (verbose)
        {
            console.Error.WriteLine(exception.ToString());
        }

        console.Error.Flush();
        return exitCode;
    }

    /// <summary>Problems the user can fix by changing arguments, files or permissions.</summary>
    private static bool IsConfiguration(Exception exception) => exception
        is ArgumentException
        or FormatException
        or FileNotFoundException
        or DirectoryNotFoundException
        or UnauthorizedAccessException
        or SecurityException
        or PathTooLongException
        or Sinks.LiveMonitoringException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
