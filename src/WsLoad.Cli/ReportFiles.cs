using WsLoad.Cli.Commands;
using WsLoad.Reporting;
using WsLoad.Results;

namespace WsLoad.Cli;

/// <summary>Writes the reports a run (or <c>wsload report</c>) asked for, from the result alone.</summary>
internal static class ReportFiles
{
    /// <summary>What a run writes when not told: HTML for people, Markdown for pull requests and wikis.</summary>
    public const string DefaultFormats = "html,md";

    public static IReadOnlyList<IReporter> Choose(string formats) =>
        string.Equals(formats.Trim(), "none", StringComparison.OrdinalIgnoreCase) ? [] : Reporters.Parse(formats);

    /// <summary>Where the HTML report of <paramref name="output"/> is, when it asked for one and it was written.</summary>
    public static string? HtmlReportPath(OutputSettings output)
    {
        var html = Choose(output.Reports).FirstOrDefault(reporter => reporter.Format == "html");
        var path = html is null ? null : Path.GetFullPath(Path.Combine(output.OutDirectory, html.FileName));
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>Writes the reports; <paramref name="announce"/> prints where they went (the verdict line of a run already names its folder).</summary>
    public static async Task<int> WriteAsync(RunResult result, OutputSettings output, CliConsole console, bool announce)
    {
        var reporters = Choose(output.Reports);
        if (reporters.Count == 0)
        {
            return 0;
        }

        // Not cancellable, like run.json: an interrupted run still gets its reports.
        var (written, failed) = await Reporters.WriteAsync(result, reporters, output.OutDirectory, CancellationToken.None);
        foreach (var failure in failed)
        {
            console.Error.WriteLine($"wsload: report {failure}");
        }

        if (announce && written.Count > 0)
        {
            console.Out.WriteLine($"reports: {string.Join(", ", written)}");
        }

        return failed.Count;
    }
}
