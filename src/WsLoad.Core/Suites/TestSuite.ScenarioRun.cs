using System.Diagnostics;
using System.Globalization;
using WsLoad.Analysis;
using WsLoad.Engine;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Suites;

public static partial class TestSuite
{
    /// <summary>One scenario's turn in a suite: its server, its checks, its run and its results folder.</summary>
    private sealed class ScenarioRun(Suite suite, SuiteScenario scenario, int step, bool parallel, string folder)
    {
        public SuiteScenario Scenario => scenario;

        private SuiteScenarioResult Base => new()
        {
            Name = scenario.Name,
            File = scenario.File,
            Step = step,
            Parallel = parallel,
            PassWhen = scenario.PassWhen == PassRule.Thresholds ? "thresholds" : "verdict",
        };

        public SuiteScenarioResult Skipped(string reason) => Base with { Outcome = ScenarioOutcome.Skipped, Reason = reason };

        /// <summary>Skipped, unless it would not have applied anyway (it needs the suite's own server, and the suite runs against another).</summary>
        public SuiteScenarioResult Skipped(string reason, SuiteOptions options) => NotApplicable(options) ?? Skipped(reason);

        private SuiteScenarioResult? NotApplicable(SuiteOptions options) =>
            options.TargetUrl is not null && scenario.Needs.Contains(SuiteScenario.NeedsEmbeddedServer)
                ? Base with { Outcome = ScenarioOutcome.NotApplicable, Reason = $"not run: it injects faults through the suite's own server, and the suite runs against {options.TargetUrl}" }
                : null;

        /// <summary>Runs it; never throws: what goes wrong becomes its outcome, so the suite goes on and writes suite.json.</summary>
        public async Task<SuiteScenarioResult> RunAsync(SuiteOptions options, ServerRegistry servers, CancellationToken cancellationToken)
        {
            try
            {
                return await RunOrThrowAsync(options, servers, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Skipped("not run: the suite was interrupted before it started");
            }
            catch (ScenarioException exception)
            {
                return Skipped("not run: " + string.Join("; ", exception.Errors));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // wsload could not run it: that says nothing of the service, so it cannot tell, rather than failed.
                return Base with { Outcome = ScenarioOutcome.Inconclusive, Reason = $"wsload could not run it: {exception.GetType().Name}: {exception.Message}" };
            }
        }

        private async Task<SuiteScenarioResult> RunOrThrowAsync(SuiteOptions options, ServerRegistry servers, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            if (NotApplicable(options) is { } notApplicable)
            {
                return notApplicable;
            }

            options.OnProgress?.Invoke($"{scenario.Name}: starting");
            ISuiteServer? server = null;
            try
            {
                if (options.TargetUrl is null && scenario.Server is { } spec)
                {
                    if (options.StartServer is null)
                    {
                        return Skipped("not run: it needs an embedded server, and nothing was given to start one (SuiteOptions.StartServer; the wsload CLI starts wsload serve)");
                    }

                    try
                    {
                        server = await options.StartServer(spec, cancellationToken);
                        servers.Add(server);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        return Skipped($"not run: its embedded server (wsload serve --mode {spec.Mode}) did not start: {exception.Message}");
                    }
                }

                return await RunWithServerAsync(server, options, clock, cancellationToken);
            }
            finally
            {
                if (server is not null)
                {
                    await servers.StopAsync(server);
                }
            }
        }

        private async Task<SuiteScenarioResult> RunWithServerAsync(ISuiteServer? server, SuiteOptions options, Stopwatch clock, CancellationToken cancellationToken)
        {
            var variables = new Dictionary<string, string>(suite.Variables, StringComparer.Ordinal);
            if ((server?.Url ?? options.TargetUrl) is { } url)
            {
                variables[SuiteVariables.Url] = url.ToString();
            }

            Scenario resolved;
            try
            {
                resolved = scenario.Resolve(variables);
            }
            catch (ScenarioException exception)
            {
                return Skipped("not run: " + string.Join("; ", exception.Errors));
            }

            var shape = RunShape.Choose(resolved, null, MachineLimits.Read());
            resolved = shape.Scenario;
            var serverPid = server?.ProcessId ?? options.ServerProcessId;
            var context = new CheckContext(resolved, shape, serverPid);
            var before = new List<CheckResult>();
            foreach (var check in scenario.Before)
            {
                before.Add(await CheckRunner.RunAsync(check, context, cancellationToken));
            }

            if (before.FirstOrDefault(c => !c.Passed) is { } failedCheck)
            {
                var remedy = failedCheck.Remedy is null ? "" : $"; {failedCheck.Remedy}";
                return Skipped($"not run: before check {failedCheck.Name} failed: {failedCheck.Detail}{remedy}") with { Before = before };
            }

            var runOptions = (options.RunOptions?.Invoke(resolved, server) ?? new LoadTestOptions()) with
            {
                ServerProcessId = serverPid,
                ServerStatsUrl = server?.StatsUrl,
                Workers = shape.Workers,
            };
            if (runOptions.Workers > 1 && runOptions.WorkerLauncher is null)
            {
                return Skipped($"not run: it needs {runOptions.Workers} worker processes, and nothing was given to start them (SuiteOptions.RunOptions with a WorkerLauncher; the wsload CLI starts its own)") with { Before = before };
            }

            var result = await LoadTest.RunAsync(resolved, runOptions, cancellationToken);
            var directory = Path.Combine(options.OutDirectory, folder);
            var runJson = Path.Combine(directory, "run.json");
            await RunResultJson.WriteAsync(result, runJson, CancellationToken.None);
            if (options.OnScenarioWritten is { } written)
            {
                await written(result, directory);
            }

            var after = new List<CheckResult>();
            foreach (var check in scenario.After)
            {
                after.Add(cancellationToken.IsCancellationRequested
                    ? new CheckResult(EnvironmentCheck.KindName(check.Kind), false, "not run: the suite was interrupted", check.Remedy)
                    : await CheckRunner.RunAsync(check, context, CancellationToken.None));
            }

            var (outcome, reason) = Judge(result, scenario.PassWhen);
            options.OnProgress?.Invoke($"{scenario.Name}: {Describe(outcome)}: {reason}");
            return Base with
            {
                Outcome = outcome,
                Reason = reason,
                Verdict = VerdictName(result.Analysis?.Verdict.Decision),
                Status = result.Status,
                StatusReason = result.StatusReason,
                RunJson = Path.GetRelativePath(options.OutDirectory, runJson),
                DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                Before = before,
                After = after,
                ThresholdsPassed = result.Thresholds.Count(t => t.Passed),
                ThresholdsTotal = result.Thresholds.Count,
                Thresholds = [.. result.Thresholds.Select(t => new CheckResult(t.Expression, t.Passed, t.Error ?? Measured(t)))],
                Checkpoints = [.. (result.Checkpoints?.Items ?? []).Select(Checkpoint)],
                ConnectionsEstablished = result.Summary.Connections.Established,
                ConnectionsPeak = result.Summary.Connections.Peak,
                RttP99Ms = result.Summary.LatencyMs.Rtt is { Count: > 0 } rtt ? rtt.P99 : null,
                HighestHealthyLevel = result.Checkpoints?.HighestHealthyLevel,
            };
        }

        /// <summary>Passed, failed or could not tell, by the scenario's pass rule, with the reason in one line.</summary>
        internal static (ScenarioOutcome, string) Judge(RunResult result, PassRule rule)
        {
            if (result.Status == RunStatus.Interrupted)
            {
                return (ScenarioOutcome.Interrupted, result.StatusReason ?? "interrupted");
            }

            if (result.Status == RunStatus.Aborted)
            {
                return (ScenarioOutcome.Failed, "aborted: " + result.StatusReason);
            }

            var thresholds = $"{result.Thresholds.Count(t => t.Passed)} of {result.Thresholds.Count} thresholds passed";
            if (rule == PassRule.Thresholds)
            {
                return result.Status == RunStatus.Completed
                    ? (ScenarioOutcome.Passed, thresholds)
                    : (ScenarioOutcome.Failed, thresholds + ": " + string.Join("; ", result.Thresholds.Where(t => !t.Passed).Select(t => t.Expression)));
            }

            var verdict = result.Analysis?.Verdict;
            var why = verdict is { Reasons.Count: > 0 } ? verdict.Reasons[0] : thresholds;
            return verdict?.Decision switch
            {
                ReadinessDecision.Go => (ScenarioOutcome.Passed, "GO: " + why),
                ReadinessDecision.NoGo => (ScenarioOutcome.Failed, "NO-GO: " + why),
                _ => (ScenarioOutcome.Inconclusive, "INCONCLUSIVE: " + why),
            };
        }

        private static string? VerdictName(ReadinessDecision? decision) => decision switch
        {
            ReadinessDecision.Go => SuiteVerdict.Go,
            ReadinessDecision.NoGo => SuiteVerdict.NoGo,
            ReadinessDecision.Inconclusive => SuiteVerdict.Inconclusive,
            _ => null,
        };

        private static string Describe(ScenarioOutcome outcome) => outcome.ToString().ToLowerInvariant();

        private static string Measured(ThresholdResult threshold) =>
            threshold.Value is { } value ? string.Create(CultureInfo.InvariantCulture, $"measured {value:0.###}") : "no data";

        // As a run's JUnit judges it (CheckpointSummary.FiredAsFailure).
        private static CheckResult Checkpoint(CheckpointSummary checkpoint)
        {
            var detail = checkpoint.Fired == 0
                ? $"never held ({checkpoint.SecondsJudged} s judged)"
                : string.Create(CultureInfo.InvariantCulture, $"fired {checkpoint.Fired}× from {checkpoint.FirstFiredSeconds:0.#} s, held {checkpoint.SecondsHeld} s{(checkpoint.WorstValue is { } worst ? $", worst {worst:0.###} {checkpoint.Unit}" : "")} → {checkpoint.Action}");
            return new CheckResult($"{checkpoint.Name}: {checkpoint.When}", !checkpoint.FiredAsFailure, detail);
        }
    }
}
