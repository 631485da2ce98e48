using WsLoad.Results;

namespace WsLoad.Reporting;

/// <summary>
/// Turns a <see cref="RunResult"/> (as read from run.json) into one report format. Reporters see the result only,
/// never live engine state, so <c>wsload report run.json</c> reproduces exactly what the run wrote.
/// </summary>
public interface IReporter
{
    /// <summary>The format's name on the command line, e.g. <c>md</c>.</summary>
    string Format { get; }

    /// <summary>The file the report is written to, e.g. <c>report.md</c>.</summary>
    string FileName { get; }

    /// <summary>Writes the report of <paramref name="result"/> to <paramref name="output"/>.</summary>
    Task WriteAsync(RunResult result, Stream output, CancellationToken cancellationToken);
}
