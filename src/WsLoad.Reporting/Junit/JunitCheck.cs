using System.Globalization;
using WsLoad.Results;

namespace WsLoad.Reporting.Junit;

/// <summary>
/// One test case of junit.xml: a check that run.json answers on its own. <see cref="Failure"/> is set when it failed,
/// <see cref="Skipped"/> when run.json cannot answer it (resources were not sampled).
/// </summary>
internal sealed record JunitCheck(string ClassName, string Name)
{
    public JunitFailure? Failure { get; init; }

    public string? Skipped { get; init; }

    /// <summary>What a passing check still has to say (a pause-ramp checkpoint's capacity answer), for <c>system-out</c>.</summary>
    public string? SystemOut { get; init; }

    /// <summary>
    /// The checks of a run, in a fixed order: run completed, each threshold in run.json's order, each checkpoint in the
    /// scenario's order, generator not saturated, and production readiness when run.json has its analysis.
    /// </summary>
    public static IReadOnlyList<JunitCheck> Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            RunCompleted(result), .. result.Thresholds.Select(Threshold), .. JunitCheckpoints.Of(result), GeneratorNotSaturated(result.GeneratorHealth),
            .. result.Analysis is { } analysis ? [Readiness(analysis.Verdict)] : Array.Empty<JunitCheck>(),
        ];
    }

    /// <summary>GO passes, NO-GO fails with its reasons, INCONCLUSIVE is skipped (the run cannot tell) with its reasons.</summary>
    private static JunitCheck Readiness(Analysis.ReadinessVerdict verdict)
    {
        var check = new JunitCheck("wsload.analysis", "production readiness");
        var reasons = string.Join(" ", verdict.Reasons);
        return verdict.Decision switch
        {
            Analysis.ReadinessDecision.NoGo => check with { Failure = new("no-go", reasons, string.Join("\n", verdict.Checks.Where(c => c.Status == Analysis.CheckStatus.Failed).Select(c => $"{c.Name}: {c.Measured} against {c.Target}"))) },
            Analysis.ReadinessDecision.Inconclusive => check with { Skipped = "inconclusive: " + reasons },
            _ => check,
        };
    }

    private static JunitCheck RunCompleted(RunResult result)
    {
        var check = new JunitCheck("wsload.run", "run completed");
        return result.Status switch
        {
            RunStatus.Interrupted => check with { Failure = new("interrupted", result.StatusReason ?? "the run was interrupted", null) },
            RunStatus.Aborted => check with { Failure = new("aborted", result.StatusReason ?? "the run was aborted", null) },
            _ => check,
        };
    }

    private static JunitCheck Threshold(ThresholdResult threshold)
    {
        var check = new JunitCheck("wsload.thresholds", threshold.Expression);
        if (threshold.Passed)
        {
            return check;
        }

        var measured = (threshold.Value is { } value ? "measured " + value.ToString(CultureInfo.InvariantCulture) : "no data measured")
            + PhaseJudged(threshold.Phase);
        return check with
        {
            Failure = threshold.Error is { } error
                ? new("threshold-error", $"could not be evaluated: {error} ({measured})", null)
                : new("threshold", measured, $"{threshold.Expression} did not hold: {measured}"),
        };
    }

    /// <summary>
    /// Where the threshold was judged, since an expression without a phase is judged on the hold for latency and
    /// throughput: " over the whole run", " in the hold phase"; empty for a run.json from before phases.
    /// </summary>
    private static string PhaseJudged(string? phase) => phase switch
    {
        null => "",
        "all" => " over the whole run",
        _ => $" in the {phase} phase",
    };

    private static JunitCheck GeneratorNotSaturated(GeneratorHealth? health)
    {
        var check = new JunitCheck("wsload.generator", "generator not saturated");
        if (health is null)
        {
            return check with { Skipped = "resources were not sampled" };
        }

        if (!health.Saturated)
        {
            return check;
        }

        var periods = string.Join(", ", health.Periods.Select(p =>
            $"{N(p.FromSeconds)}-{N(p.ToSeconds)} s ({string.Join(", ", p.Reasons)})"));
        var details = $"""
            The generator was saturated for {health.SaturatedIntervals} interval(s): {periods}.
            Latency measured then is partly the generator's own delay.
            Peaks: cpu {N(health.MaxCpuPercent)}%, scheduling lag {N(health.MaxSchedulingLagMs)} ms, thread-pool queue {health.MaxThreadPoolQueue}, wait for a pool thread {N(health.MaxThreadPoolDelayMs)} ms.
            """;
        return check with { Failure = new("saturated", $"saturated for {health.SaturatedIntervals} interval(s): {periods}", details) };
    }

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>Why a check failed: a type (kind), a one-line message, and optionally longer text for the element's body.</summary>
internal sealed record JunitFailure(string Type, string Message, string? Details);
