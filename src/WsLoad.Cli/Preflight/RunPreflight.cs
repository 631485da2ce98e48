using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Preflight;

/// <summary>
/// The environment checks before every <c>run</c>, with <c>wsload plan</c>'s arithmetic: open files per process,
/// ports per source address, memory; then one TCP connect to the target. A run that cannot fit stops before anything
/// starts, because it would fail connect by connect and measure this machine rather than the target.
/// </summary>
internal static class RunPreflight
{
    /// <summary>Null to go on with the run; otherwise the exit code to stop with (its reasons are written).</summary>
    public static async Task<int?> CheckAsync(Scenario scenario, int workers, bool force, CliContext context, CancellationToken cancellationToken)
    {
        if (context.Services.Validate(scenario).Count > 0)
        {
            return null; // the run's own validation reports it, where and what to do
        }

        var error = context.Console.Error;
        var plan = ResourcePlan.For(scenario, workers, context.Services.ReadMachineLimits());
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
            return ExitCodes.UsageError;
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

        return null;
    }
}
