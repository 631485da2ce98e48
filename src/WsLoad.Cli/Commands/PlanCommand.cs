using System.CommandLine;
using System.Globalization;
using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload plan [SCENARIO_FILE] [flags]</c>: what a run needs on this machine, before any socket opens: processes,
/// source addresses, memory and CPU, from the costs measured in bench/, and what to change. Exit 0 when it fits as
/// given, 2 when it does not (as <c>run</c> would stop).
/// </summary>
internal static class PlanCommand
{
    private const string Description =
        "Say what a run needs on this machine before any socket opens: duration, connections per process against the "
        + "open-file limit, connections per source address against the ephemeral ports, memory and CPU (from costs "
        + "measured in bench/ on a 2-core VM), and what to change. Exit 0 when it fits as given, 2 when it does not "
        + "(run then stops too, unless --force).";

    public const string Examples = """
        wsload plan examples/scale-100k.yaml
        wsload plan examples/scale-100k.yaml --workers 6 --source 127.0.0.1-127.0.0.4
        wsload plan --url ws://127.0.0.1:8080/ws -c 40000 --ramp linear:40s --hold 60s --rate 6/m
        """;

    public static Command Create(CliContext context)
    {
        var scenarioFile = new Argument<string?>("SCENARIO_FILE") { Description = "A scenario file (.yaml, .yml or .json); optional when --url is given.", Arity = ArgumentArity.ZeroOrOne };
        var flags = new RunFlagOptions();
        var workers = new Option<int>("--workers") { Description = "Worker processes the run would use (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("plan", Description) { scenarioFile, workers };
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => ErrorReporting.GuardAsync(
            () =>
            {
                var file = parseResult.GetValue(scenarioFile);
                var scenario = ScenarioFromFlags.Build(file is null ? null : context.Services.LoadScenario(file), flags.Read(parseResult));
                var errors = context.Services.Validate(scenario);
                if (errors.Count > 0)
                {
                    foreach (var error in errors)
                    {
                        context.Console.Error.WriteLine(error.ToString());
                    }

                    return Task.FromResult(ExitCodes.UsageError);
                }

                var plan = ResourcePlan.For(scenario, parseResult.GetValue(workers), MachineLimits.Read());
                context.Console.Out.Write(Render(scenario, plan));
                context.Console.Out.Flush();
                return Task.FromResult(plan.Fits ? ExitCodes.Passed : ExitCodes.UsageError);
            },
            context.Console,
            parseResult.GetValue(context.Verbose),
            cancellationToken));
        return command;
    }

    /// <summary>The plan in lines a person reads top to bottom: the load, the machine, the needs, the verdict and the fixes.</summary>
    internal static string Render(Scenario scenario, ResourcePlan plan)
    {
        var m = plan.Machine;
        var lines = new List<string>
        {
            $"Plan: {scenario.Name} against {scenario.Target.Url}",
            $"  duration         {plan.DurationSeconds:0.#} s",
            $"  connections      {plan.PeakConnections:N0} at the peak; up to {plan.PeakOpensPerSecond:N0} opened in one second",
            $"  messages         {plan.PeakMessagesPerSecond:N0}/s at the peak, about {plan.TotalMessages:N0} in all",
            $"This machine: {m.Cores} cores, {ResourcePlan.Gb(m.MemoryAvailableBytes)} available, {m.OpenFileLimit:N0} open files per process, "
                + $"{m.PortsPerAddress:N0} ephemeral ports per source address{(m.SoMaxConn is { } b ? $", somaxconn {b:N0}" : "")}",
            "Needs:",
            $"  processes        {plan.Workers} asked, {plan.WorkersNeeded} needed: {plan.ConnectionsPerWorker:N0} connections (+{ResourcePlan.ReservedFiles:N0} files) per process "
                + $"against {m.OpenFileLimit:N0}",
            $"  source addresses {plan.SourceAddresses} given, {plan.SourceAddressesNeeded} needed: {plan.ConnectionsPerSourceAddress:N0} connections per address "
                + $"against {(int)(m.PortsPerAddress * ResourcePlan.UsablePortShare):N0} usable ports",
            $"  memory           client {ResourcePlan.Gb(plan.ClientMemoryBytes)}, kernel {ResourcePlan.Gb(plan.KernelMemoryBytes)}; "
                + $"if the target is `wsload serve` here, it adds about {ResourcePlan.Gb(plan.EmbeddedServerMemoryBytes)}",
            string.Create(CultureInfo.InvariantCulture, $"  client CPU       {plan.ClientCoresAtPeakRate:0.##} cores at the peak message rate, {plan.ClientCoresForPeakOpens:0.##} for the peak connects"),
            "  (costs measured in bench/ on a 2-core VM: see ResourcePlan; a faster machine needs less CPU)",
        };
        foreach (var warning in plan.Warnings)
        {
            lines.Add("Warning: " + warning);
        }

        if (plan.Fits)
        {
            lines.Add("Fits as given.");
        }
        else
        {
            lines.Add("Does not fit as given:");
            lines.AddRange(plan.Problems.Select(p => "  - " + p));
            lines.Add("Change:");
            lines.AddRange(plan.Fixes.Select(f => "  " + f));
        }

        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
