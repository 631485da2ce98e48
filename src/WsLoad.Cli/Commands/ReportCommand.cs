using System.CommandLine;
using WsLoad.Reporting;

namespace WsLoad.Cli.Commands;

/// <summary><c>wsload report RUN_JSON --format html,pdf --out DIR</c>: reports from a stored run.json, the same a run writes.</summary>
internal static class ReportCommand
{
    private const string Description =
        "Write reports from a stored run.json: exactly what the run wrote, computed from run.json alone.";

    public const string Examples = """
        wsload report wsload-results/run.json
        wsload report run.json --format html,pdf,md,csv,junit,json --out reports/
        """;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("RUN_JSON") { Description = "A run.json written by wsload run or demo." };
        var formats = new Option<string>("--format", "-f")
        {
            Description = $"Report formats, comma-separated: {string.Join(", ", Reporters.Formats)}; default {ReportFiles.DefaultFormats}.",
            DefaultValueFactory = _ => ReportFiles.DefaultFormats,
        };
        var outDirectory = new Option<string?>("--out") { Description = "Folder for the reports (default: the folder of RUN_JSON)." };
        var command = new Command("report", Description) { file, formats, outDirectory };
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(parseResult.GetRequiredValue(file), parseResult.GetValue(formats) ?? ReportFiles.DefaultFormats, parseResult.GetValue(outDirectory), context),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string path, string formats, string? outDirectory, CliContext context)
    {
        _ = ReportFiles.Choose(formats);
        var result = await RunJsonFile.ReadAsync(path);

        var directory = outDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var failures = await ReportFiles.WriteAsync(result, new OutputSettings(directory, OutputFormat.Text, Quiet: false, formats), context.Console, announce: true);
        return failures == 0 ? ExitCodes.Passed : ExitCodes.UsageError;
    }
}
