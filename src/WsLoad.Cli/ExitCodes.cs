using WsLoad.Results;

namespace WsLoad.Cli;

/// <summary>The process exit codes of <c>wsload</c>; scripts and CI depend on these, so they never change meaning.</summary>
internal static class ExitCodes
{
    /// <summary>The run completed and every threshold passed (or the command succeeded).</summary>
    public const int Passed = 0;

    /// <summary>The run completed but at least one threshold failed.</summary>
    public const int ThresholdsFailed = 1;

    /// <summary>Bad command line, bad scenario, a run that does not fit this machine, or another configuration problem; nothing was run.</summary>
    public const int UsageError = 2;

    /// <summary>The run was aborted by the engine or interrupted (Ctrl+C, SIGTERM).</summary>
    public const int Interrupted = 3;

    /// <summary>A bug or an unexpected failure inside wsload itself.</summary>
    public const int InternalError = 4;

    public static int FromStatus(RunStatus status) => status switch
    {
        RunStatus.Completed => Passed,
        RunStatus.ThresholdsFailed => ThresholdsFailed,
        RunStatus.Interrupted or RunStatus.Aborted => Interrupted,
        _ => InternalError,
    };

    /// <summary>The exit-code table shown in the root command's help.</summary>
    public const string HelpText =
        "Exit codes: 0 passed, 1 thresholds failed, 2 usage or scenario error (or a run that does not fit this machine: see wsload plan), 3 aborted or interrupted, 4 internal error.";
}
