using System.CommandLine;
using WsLoad.Reporting;

namespace WsLoad.Cli.Commands;

/// <summary><c>wsload report RUN_JSON --format html,pdf --out DIR</c>: reports from a stored run.json, the same a run writes.</summary>
internal static class ReportCommand
{
    private const string Description =
        "Write reports from a stored run.json: exactly what the run wrote, computed from run.json alone. "
        + "Given a suite.json, it writes the suite's reports again: suite.html, suite.md and junit.xml.";

    public const string Examples = """
        wsload report wsload-results/run.json
        wsload report run.json --format html,pdf,md,csv,junit,json --out reports/
        wsload report wsload-results/suite-readiness/suite.json
        """;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("RUN_JSON") { Description = "A run.json written by wsload run or demo, or a suite.json written by wsload suite." };
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
        if (IsSuiteJson(path))
        {
            var suite = await Suites.SuiteResultJson.ReadAsync(path);
            var written = await Reporting.Suite.SuiteReports.WriteAsync(suite, outDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            foreach (var report in written)
            {
                context.Console.Out.WriteLine($"wrote {report}");
            }

            return ExitCodes.Passed;
        }

        _ = ReportFiles.Choose(formats);
        var result = await RunJsonFile.ReadAsync(path);

        var directory = outDirectory ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var failures = await ReportFiles.WriteAsync(result, new OutputSettings(directory, OutputFormat.Text, Quiet: false, formats), context.Console, announce: true);
        return failures == 0 ? ExitCodes.Passed : ExitCodes.UsageError;
    }

    // A suite.json says so in its name or, renamed, by its shape: a list of scenarios (a run.json has one scenario).
    private static bool IsSuiteJson(string path)
    {
        if (Path.GetFileName(path).Equals("suite.json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = System.Text.Json.JsonDocument.Parse(stream);
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("scenarios", out var scenarios) && scenarios.ValueKind == System.Text.Json.JsonValueKind.Array;
        }
        catch (Exception exception) when (exception is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return false; // the run.json reader says what is wrong with it
        }
    }
}
