using System.CommandLine;
using WsLoad.Reporting;

namespace WsLoad.Cli.Commands;

/// <summary>How a run reports: a live view and a summary (text), one verdict line (quiet), or JSON for scripts.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}

/// <summary>What the output options of <c>run</c> and <c>demo</c> resolved to (and the one generator setting they share).</summary>
internal sealed record OutputSettings(string OutDirectory, OutputFormat Format, bool Quiet, string Reports = ReportFiles.DefaultFormats)
{
    /// <summary>Results go to <c>DIR/run.json</c>, replacing the file from an earlier run in the same folder.</summary>
    public string RunJsonPath => Path.Combine(OutDirectory, "run.json");
}

/// <summary>The output options shared by <c>run</c> and <c>demo</c>.</summary>
internal sealed class OutputOptions
{
    public Option<string> Out { get; } = new("--out")
    {
        Description = "Folder for results; the run writes DIR/run.json, replacing an earlier run.json there.",
        DefaultValueFactory = _ => "./wsload-results",
    };

    public Option<OutputFormat> Format { get; } = new("--output", "-o")
    {
        Description = "text: live view and summary table; json: no live view, the summary as JSON on stdout.",
        DefaultValueFactory = _ => OutputFormat.Text,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only the final one-line verdict." };

    public Option<string> Reports { get; } = new("--report")
    {
        Description = $"Reports written next to run.json, comma-separated ({string.Join(", ", Reporters.Formats)}); 'none' for none. The same as `wsload report DIR/run.json`.",
        DefaultValueFactory = _ => ReportFiles.DefaultFormats,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Format);
        command.Options.Add(Quiet);
        command.Options.Add(Reports);
    }

    public OutputSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(Out) ?? "./wsload-results",
        parseResult.GetValue(Format),
        parseResult.GetValue(Quiet),
        parseResult.GetValue(Reports) ?? ReportFiles.DefaultFormats);
}
