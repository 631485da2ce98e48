using System.Diagnostics;
using System.Globalization;
using WsLoad.Engine;
using WsLoad.Planning;

namespace WsLoad.Suites;

/// <summary>
/// Runs a <see cref="Suite"/>: each step in order (a parallel group's scenarios together, when this machine can hold
/// them), with its environment checks, its embedded server started and stopped around it, each scenario's run.json in
/// a folder of its own, then the cleanup steps whatever happened, and suite.json with the verdict.
/// </summary>
public static partial class TestSuite
{
    /// <summary>
    /// Runs <paramref name="suite"/> to its end. Cancelling <paramref name="cancellationToken"/> (Ctrl+C) interrupts the
    /// scenario running (its results are still written), skips the rest, and still runs the cleanup and writes suite.json.
    /// </summary>
    public static async Task<SuiteResult> RunAsync(Suite suite, SuiteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.OutDirectory);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var servers = new ServerRegistry();
        var results = new List<SuiteScenarioResult>();
        var stopReason = (string?)null;
        var cleanup = new List<CleanupResult>();
        var stopped = 0;
        try
        {
            var number = 0;
            for (var step = 0; step < suite.Steps.Count; step++)
            {
                var scenarios = suite.Steps[step].Scenarios;
                var runs = scenarios.Select(s => new ScenarioRun(suite, s, step + 1, suite.Steps[step].Parallel, Folder(++number, s.Name))).ToList();
                var skip = cancellationToken.IsCancellationRequested ? "not run: the suite was interrupted" : stopReason;
                if (skip is not null)
                {
                    results.AddRange(runs.Select(r => r.Skipped(skip, options)));
                    continue;
                }

                var why = "";
                if (runs.Count > 1 && Fits(runs, out why))
                {
                    options.OnProgress?.Invoke($"step {step + 1}: {runs.Count} scenarios together ({string.Join(", ", runs.Select(r => r.Scenario.Name))})");
                    results.AddRange(await Task.WhenAll(runs.Select(r => r.RunAsync(options, servers, cancellationToken))));
                }
                else
                {
                    if (runs.Count > 1)
                    {
                        options.OnProgress?.Invoke($"step {step + 1}: one after another, not together: {why}");
                    }

                    foreach (var run in runs)
                    {
                        var result = cancellationToken.IsCancellationRequested ? run.Skipped("not run: the suite was interrupted", options) : await run.RunAsync(options, servers, cancellationToken);
                        results.Add(runs.Count > 1 ? result with { Reason = $"{result.Reason} (ran alone: {why})" } : result);
                    }
                }

                if (suite.OnFailure == SuiteFailurePolicy.Stop && results.FirstOrDefault(r => r.Outcome == ScenarioOutcome.Failed) is { } failed)
                {
                    stopReason = $"not run: onFailure is stop, and '{failed.Name}' did not pass";
                }
            }
        }
        finally
        {
            // Whatever happened (an exception, Ctrl+C): every process the suite started stops, then the cleanup runs.
            stopped = await servers.StopAllAsync();
            foreach (var step in suite.Cleanup)
            {
                options.OnProgress?.Invoke($"cleanup: {step.Run}");
                var outcome = await ShellCommand.RunAsync(step.Run, step.Timeout, CancellationToken.None);
                cleanup.Add(new CleanupResult
                {
                    Run = step.Run,
                    ExitCode = outcome.ExitCode,
                    TimedOut = outcome.TimedOut,
                    DurationSeconds = Math.Round(outcome.Took.TotalSeconds, 3),
                    Output = outcome.ExitCode == 0 ? null : outcome.Output,
                });
            }
        }

        var interrupted = cancellationToken.IsCancellationRequested;
        var (verdict, targets) = SuiteVerdict.Judge(results, suite.Targets);
        var suiteResult = new SuiteResult
        {
            ToolVersion = typeof(LoadTest).Assembly.GetName().Version?.ToString(3) ?? "",
            Name = suite.Name,
            Description = suite.Description,
            File = suite.File,
            StartedAt = startedAt,
            DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            Interrupted = interrupted,
            Verdict = verdict,
            Scenarios = results,
            Targets = targets,
            Cleanup = cleanup,
            ProcessesStopped = stopped,
        };
        suiteResult = suiteResult with { Summary = SuiteSummary.Explain(suiteResult) };
        await SuiteResultJson.WriteAsync(suiteResult, Path.Combine(options.OutDirectory, "suite.json"), CancellationToken.None);
        return suiteResult;
    }

    /// <summary>A scenario's results folder: its place in the suite and its name, safe as a file name.</summary>
    internal static string Folder(int number, string name)
    {
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Trim('-');
        return string.Create(CultureInfo.InvariantCulture, $"{number:00}-{(safe.Length == 0 ? "scenario" : safe)}");
    }

    /// <summary>A parallel group runs together when one process's open files hold all their peaks at once.</summary>
    private static bool Fits(List<ScenarioRun> runs, out string why)
    {
        var machine = MachineLimits.Read();
        var peak = runs.Sum(r => ResourcePlan.For(r.Scenario.Scenario, 1, machine).PeakConnections);
        var files = peak + (long)ResourceCosts.ReservedFiles;
        why = string.Create(CultureInfo.InvariantCulture, $"together they hold {peak:N0} connections, which need {files:N0} open files in this process; the limit is {machine.OpenFileLimit:N0}");
        return files <= machine.OpenFileLimit;
    }
}
