namespace WsLoad.Cli;

/// <summary>A failure whose message is already written for the user; reported as one line with its exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException()
        : this("wsload failed", ExitCodes.InternalError)
    {
    }

    public CliException(string message)
        : this(message, ExitCodes.InternalError)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.InternalError;
    }

    public int ExitCode { get; }
}
