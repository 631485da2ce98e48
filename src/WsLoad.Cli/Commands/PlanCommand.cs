using System.CommandLine;
using WsLoad.Planning;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload plan [SCENARIO_FILE] [flags] [--workers N|auto]</c>: what a run needs on this machine, before any load
/// socket opens: processes, source addresses, memory and CPU, from the costs measured in bench/, and what to change.
/// Exit 0 when it fits as given, 2 when it does not (as <c>run</c> would stop).
/// </summary>
internal static class PlanCommand
{
    private const string Description =
        "Say what a run needs on this machine before any socket opens: duration, connections per process against the "
        + "open-file limit, connections per source address against the ephemeral ports, memory and CPU (from costs "
        + "measured in bench/ on a 2-core VM), whether the target accepts a TCP connection, and what to change "
        + "(--workers, --source, ulimit, sysctl). Exit 0 when it fits as given, 2 when it does not (run then stops "
        + "too, unless --force). Given a suite file: each scenario's plan, the suite's duration and its peak.";

    public const string Examples = """
        wsload plan examples/scale-100k.yaml
        wsload plan examples/scale-100k.yaml --workers auto --source 127.0.0.1-127.0.0.4
        wsload plan --url ws://127.0.0.1:8080/ws -c 40000 --ramp linear:40s --hold 60s --rate 6/m
        wsload plan examples/suites/readiness.yaml
        """;

    public static Command Create(CliContext context)
    {
        var scenarioFile = new Argument<string?>("SCENARIO_FILE") { Description = "A scenario file (.yaml, .yml or .json); optional when --url is given.", Arity = ArgumentArity.ZeroOrOne };
        var flags = new RunFlagOptions();
        var workers = WorkerCount.Option(
            "Worker processes the run would use: a number (default 1), or auto for the fewest whose open-file limits hold the connections.",
            WorkerCount.One);
        var command = new Command("plan", Description) { scenarioFile, workers };
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () => ExecuteAsync(parseResult.GetValue(scenarioFile), flags.Read(parseResult), parseResult.GetValue(workers), context, cancellationToken),
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    private static async Task<int> ExecuteAsync(string? file, RunFlags flags, WorkerCount workers, CliContext context, CancellationToken cancellationToken)
    {
        if (file is not null && Suites.SuiteLoader.LooksLikeSuite(file))
        {
            var suite = Suites.SuiteLoader.LoadFile(file);
            var suitePlan = Suites.SuitePlan.For(suite, context.Services.ReadMachineLimits());
            context.Console.Out.Write(SuitePlanText.Render(suite, suitePlan));
            return suitePlan.Fits ? ExitCodes.Passed : ExitCodes.UsageError;
        }

        var scenario = ScenarioFromFlags.Build(file is null ? null : context.Services.LoadScenario(file), flags);
        var errors = context.Services.Validate(scenario);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                context.Console.Error.WriteLine(error.ToString());
            }

            return ExitCodes.UsageError;
        }

        // The same choices run makes (--workers auto, loopback source addresses), so the plan is the run's.
        var shape = RunShape.Choose(scenario, workers.Count, context.Services.ReadMachineLimits());
        var probe = await context.Services.ProbeTarget(scenario.Target.Url, cancellationToken).ConfigureAwait(false);
        context.Console.Out.Write(PlanText.Render(shape, probe));
        context.Console.Out.Flush();
        return shape.Plan.Fits ? ExitCodes.Passed : ExitCodes.UsageError;
    }
}
