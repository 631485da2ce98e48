using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WsLoad.Reporting.Comparison;
using WsLoad.Results;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload compare BASE NEW [--fail-on-regression 10%] [--format md,html] [--out DIR]</c>: the key figures of two
/// run.json side by side; exit 1 when a figure got worse by more than the threshold and beyond the noise of its counts.
/// Writes compare.md / compare.html only when --format or --out asks for files (the console table is always printed).
/// </summary>
internal static class CompareCommand
{
    private const string Description =
        "Compare two run.json: key figures side by side, regressions flagged only beyond the threshold and the noise the sample counts allow; exit 1 on regression.";

    public const string Examples = """
        wsload compare baseline/run.json wsload-results/run.json
        wsload compare base.json new.json --fail-on-regression 5%
        wsload compare base.json new.json --format md,html --out compare/
        """;

    private static readonly string[] AllowedFormats = ["md", "html"];

    public static Command Create(CliContext context)
    {
        var baseFile = new Argument<string>("BASE") { Description = "The run.json to compare against (the baseline)." };
        var newFile = new Argument<string>("NEW") { Description = "The run.json of the new run." };
        var threshold = new Option<double>("--fail-on-regression")
        {
            Description = "The relative change that counts as a regression when it is also beyond noise, e.g. 10% (default) or 2.5%.",
            CustomParser = Percentage,
            DefaultValueFactory = _ => RunComparison.DefaultThreshold,
        };
        var formats = new Option<string?>("--format", "-f") { Description = "Also write files, comma-separated: md, html (default with --out: md)." };
        var outDirectory = new Option<string?>("--out") { Description = "Folder for compare.md / compare.html (default: the current folder)." };
        var command = new Command("compare", Description) { baseFile, newFile, threshold, formats, outDirectory };
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(
                parseResult.GetRequiredValue(baseFile),
                parseResult.GetRequiredValue(newFile),
                parseResult.GetValue(threshold),
                parseResult.GetValue(formats),
                parseResult.GetValue(outDirectory),
                context.Console,
                cancellationToken),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string basePath, string newPath, double threshold, string? formats, string? outDirectory, CliConsole console, CancellationToken cancellationToken)
    {
        var chosen = ChooseFormats(formats, outDirectory);
        var comparison = RunComparison.Create(await ReadAsync(basePath, cancellationToken), await ReadAsync(newPath, cancellationToken), threshold);

        var written = new List<string>();
        foreach (var format in chosen)
        {
            var (name, text) = format == "html"
                ? (ComparisonHtml.FileName, ComparisonHtml.Render(comparison))
                : (ComparisonMarkdown.FileName, ComparisonMarkdown.Render(comparison));
            var directory = outDirectory ?? ".";
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, name);
            await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), CancellationToken.None);
            written.Add(path);
        }

        if (written.Count > 0)
        {
            console.Out.WriteLine($"reports: {string.Join(", ", written)}");
        }

        console.Out.Write(ComparisonText.Render(comparison));
        console.Out.Flush();
        return comparison.HasRegression ? ExitCodes.ThresholdsFailed : ExitCodes.Passed;
    }

    private static string[] ChooseFormats(string? formats, string? outDirectory)
    {
        if (formats is null)
        {
            return outDirectory is null ? [] : ["md"];
        }

        var chosen = formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f.ToLowerInvariant()).Distinct().ToArray();
        if (chosen.FirstOrDefault(f => !AllowedFormats.Contains(f)) is { } unknown)
        {
            throw new CliException($"unknown compare format '{unknown}'; allowed: {string.Join(", ", AllowedFormats)}", ExitCodes.UsageError);
        }

        return chosen;
    }

    private static async Task<ComparedRun> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file; give the run.json a run wrote (e.g. wsload-results/run.json)", ExitCodes.UsageError);
        }

        try
        {
            return ComparedRun.From(path, await RunResultJson.ReadAsync(path, cancellationToken));
        }
        catch (JsonException exception)
        {
            throw new CliException($"{path}: not a run.json ({exception.Message}); give the run.json a run wrote", ExitCodes.UsageError);
        }
        catch (InvalidDataException exception)
        {
            throw new CliException($"{path}: not a usable run.json: {exception.Message}; write it again with wsload run", ExitCodes.UsageError);
        }
    }

    /// <summary>Parses 10%, 2.5% or 10 (percent) into a fraction; anything else is a parse error (exit 2).</summary>
    private static double Percentage(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var number = text.Trim().TrimEnd('%').Trim();
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and < 10_000)
        {
            return percent / 100;
        }

        result.AddError($"--fail-on-regression: '{text}' is not a percentage such as 10% or 2.5%");
        return RunComparison.DefaultThreshold;
    }
}
