using WsLoad.Cli.Commands;
using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Preflight;

/// <summary>
/// The environment checks before every <c>run</c> and <c>demo</c>, with <c>wsload plan</c>'s arithmetic: what wsload
/// chooses itself (<c>--workers auto</c>, loopback source addresses), then open files per process, ports per source
/// address, memory; then one TCP connect to the target. A run that cannot fit stops before anything starts, because it
/// would fail connect by connect and measure this machine rather than the target.
/// </summary>
internal static class RunPreflight
{
    /// <summary>
    /// The run to go on with, or the exit code to stop with (its reasons are written to stderr). An invalid scenario
    /// is passed through unshaped in one process: the run's own validation reports it, where and what to do.
    /// </summary>
    public static async Task<PreflightOutcome> CheckAsync(Scenario scenario, WorkerCount workers, bool force, CliContext context, CancellationToken cancellationToken)
    {
        if (context.Services.Validate(scenario).Count > 0)
        {
            return new PreflightOutcome(null, scenario, workers.Count ?? 1);
        }

        var error = context.Console.Error;
        var shape = RunShape.Choose(scenario, workers.Count, context.Services.ReadMachineLimits());
        var plan = shape.Plan;
        if (shape.Describe() is { } chosen)
        {
            error.WriteLine("wsload: chose " + chosen);
        }

        foreach (var warning in plan.Warnings)
        {
            error.WriteLine("wsload: warning: " + warning);
        }

        if (!plan.Fits && !force)
        {
            error.WriteLine("wsload: this run does not fit on this machine:");
            foreach (var problem in plan.Problems)
            {
                error.WriteLine("  - " + problem);
            }

            error.WriteLine("Change: " + string.Join("; ", plan.Fixes) + ". Or run anyway with --force; wsload plan shows the whole estimate.");
            return new PreflightOutcome(ExitCodes.UsageError, shape.Scenario, shape.Workers);
        }

        foreach (var problem in plan.Problems)
        {
            error.WriteLine("wsload: running anyway (--force): " + problem);
        }

        // Refused is left to the run: it aborts at once with one line and a run.json (exit 3). A target that does not
        // answer would instead cost every connect its timeout, so that one is said now.
        var probe = await context.Services.ProbeTarget(scenario.Target.Url, cancellationToken).ConfigureAwait(false);
        if (probe.Answer == TargetAnswer.NoAnswer)
        {
            error.WriteLine($"wsload: warning: {scenario.Target.Url.Authority} did not accept a TCP connection ({probe.Detail}); check --url and that the server runs");
        }

        return new PreflightOutcome(null, shape.Scenario, shape.Workers);
    }
}

/// <summary>What the checks before a run decided: stop with <see cref="ExitCode"/>, or run <see cref="Scenario"/> in <see cref="Workers"/> processes.</summary>
internal sealed record PreflightOutcome(int? ExitCode, Scenario Scenario, int Workers);
