using System.CommandLine;
using System.Text.Json;
using WsLoad.Analysis;
using WsLoad.Results;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload analyze RUN_JSON</c>: the production-readiness verdict, the likely root causes, failure patterns,
/// anomalies and the capacity model of a stored run, recomputed from run.json alone (so an old run.json gets the current
/// analysis). Exit code: 0 GO, 1 NO-GO, 3 INCONCLUSIVE.
/// </summary>
internal static class AnalyzeCommand
{
    private const string Description =
        "Analyse a stored run.json: GO / NO-GO / INCONCLUSIVE with its checklist, the likely root causes with their "
        + "evidence, failure patterns, anomalies and trends, and the capacity model. Exit code 0 GO, 1 NO-GO, 3 INCONCLUSIVE.";

    public const string Examples = """
        wsload analyze wsload-results/run.json
        wsload analyze run.json --output json > analysis.json
        """;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("RUN_JSON") { Description = "A run.json written by wsload run or demo." };
        var output = new Option<OutputFormat>("--output", "-o")
        {
            Description = "text: the verdict and tables; json: the analysis as JSON (the analysis block of run.json).",
            DefaultValueFactory = _ => OutputFormat.Text,
        };
        var command = new Command("analyze", Description) { file, output };
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(parseResult.GetRequiredValue(file), parseResult.GetValue(output) == OutputFormat.Json, context),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string path, bool json, CliContext context)
    {
        var result = await RunJsonFile.ReadAsync(path);

        var analysis = RunAnalyzer.Analyze(result);
        if (json)
        {
            await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(analysis, RunResultJson.Options));
        }
        else
        {
            AnalysisText.Write(context.Console.Out, analysis);
        }

        return analysis.Verdict.Decision switch
        {
            ReadinessDecision.Go => ExitCodes.Passed,
            ReadinessDecision.NoGo => ExitCodes.ThresholdsFailed,
            _ => ExitCodes.Interrupted,
        };
    }
}
