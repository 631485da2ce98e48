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
internal sealed record OutputSettings(string OutDirectory, OutputFormat Format, bool Quiet, string Reports = ReportFiles.DefaultFormats, bool WarmUp = true)
{
    /// <summary>The dashboard, metrics and webhooks that watch the run (none by default).</summary>
    public Sinks.LiveMonitoringOptions Monitoring { get; init; } = new();

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

    public Option<bool> NoWarmUp { get; } = new("--no-warm-up")
    {
        Description = "Skip the generator's warm-up: by default it first runs 100 connections for about 2 s against a private loopback echo peer (never the target; over TLS with a throwaway certificate when the target is wss://), so the first second's connect times are the server's and not the generator's JIT compilation.",
    };

    public MonitoringFlagOptions Monitoring { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Format);
        command.Options.Add(Quiet);
        command.Options.Add(Reports);
        command.Options.Add(NoWarmUp);
        Monitoring.AddTo(command);
    }

    public OutputSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(Out) ?? "./wsload-results",
        parseResult.GetValue(Format),
        parseResult.GetValue(Quiet),
        parseResult.GetValue(Reports) ?? ReportFiles.DefaultFormats,
        WarmUp: !parseResult.GetValue(NoWarmUp))
    {
        Monitoring = Monitoring.Read(parseResult),
    };
}
