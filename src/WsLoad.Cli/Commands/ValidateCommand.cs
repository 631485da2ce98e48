using System.CommandLine;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Commands;

/// <summary><c>wsload validate FILE</c>: load and check a scenario without running it.</summary>
internal static class ValidateCommand
{
    private const string Description =
        "Load and validate a scenario file, or a suite file and every scenario it names, without opening a connection: "
        + "prints \"FILE: ok\" (exit 0) or every problem as file:line:col: field: message, one per line (exit 2).";

    public const string Examples = """
        wsload validate scenario.yaml
        wsload validate examples/suites/readiness.yaml
        """;

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The scenario or suite file (.yaml, .yml or .json); a file with a top-level scenarios: list is a suite." };
        var command = new Command("validate", Description) { file };
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => Task.FromResult(Execute(parseResult.GetRequiredValue(file), context)),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static int Execute(string path, CliContext context)
    {
        if (Suites.SuiteLoader.LooksLikeSuite(path))
        {
            var suite = Suites.SuiteLoader.LoadFile(path);
            context.Console.Out.WriteLine($"{path}: ok (suite of {suite.Scenarios.Count()} scenarios)");
            return ExitCodes.Passed;
        }

        // The loader validates too, and reports every problem at once in a ScenarioException.
        var scenario = context.Services.LoadScenario(path);
        var errors = context.Services.Validate(scenario);
        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        context.Console.Out.WriteLine($"{path}: ok");
        return ExitCodes.Passed;
    }
}
