using WsLoad.Analysis.Facts;
using WsLoad.Analysis.RootCauses;
using WsLoad.Results;
using WsLoad.Thresholds;

namespace WsLoad.Analysis.Readiness;

/// <summary>
/// The readiness checklist of a run: sustained throughput, rtt p99, availability, error rate, connect success,
/// generator, server and memory headroom — each against the scenario's threshold on that metric when it has one,
/// otherwise the default of <see cref="ReadinessRules"/> — then one check per other scenario threshold. Latency and
/// throughput are judged on the hold (the steady state), connects and errors on the whole run, as thresholds are
/// (<see cref="ThresholdPhases"/>); a threshold that names a phase is judged on that phase.
/// </summary>
internal static class ReadinessChecklist
{
    public static IReadOnlyList<ScopedCheck> Build(RunResult run)
    {
        // The thresholds the run evaluated (run.json's results) and any the scenario names but could not evaluate.
        var thresholds = run.Thresholds.Select(t => t.Expression).Concat(run.Scenario.Thresholds).Distinct(StringComparer.Ordinal)
            .Select(t => ThresholdExpression.TryParse(t, out var e, out _) ? e : null)
            .OfType<ThresholdExpression>()
            .ToList();
        var used = new HashSet<ThresholdExpression>();
        ThresholdExpression? On(string metric)
        {
            var found = thresholds.FirstOrDefault(t => t.Metric == metric && !used.Contains(t));
            if (found is not null)
            {
                used.Add(found);
            }

            return found;
        }

        var broadcast = run.Summary.Fanout is not null;
        var checks = new List<ScopedCheck>
        {
            new(Throughput(run, On("throughput")), CheckScope.Performance),
            broadcast
                ? new(Metric(run, "fan-out p99", On("fanout.p99"), null), CheckScope.Performance)
                : new(Metric(run, "rtt p99", On("rtt.p99"), null), CheckScope.Performance),
            new(Metric(run, "availability", On("availability"), Default("availability", ">=", ReadinessRules.MinAvailabilityPercent, "%")), CheckScope.Failures),
            new(Metric(run, "error rate", On("errors.rate"), Default("errors.rate", "<=", ReadinessRules.MaxErrorRatePercent, "%")), CheckScope.Failures),
            new(Metric(run, "connect success", On("connect.success"), Default("connect.success", ">=", ReadinessRules.MinConnectSuccessPercent, "%")), CheckScope.Failures),
            new(ResourceChecks.Generator(run), CheckScope.Generator),
            new(ResourceChecks.ServerCpu(run), CheckScope.Server),
            new(ResourceChecks.Memory(run), CheckScope.Machine),
        };
        if (broadcast)
        {
            checks.Insert(2, new(Metric(run, "fan-out reach", On("fanout.reach"), Default("fanout.reach", ">=", ReadinessRules.MinFanoutReachPercent, "%")), CheckScope.Failures));
        }

        foreach (var threshold in thresholds.Where(t => !used.Contains(t)))
        {
            var scope = threshold.Metric.StartsWith("rtt.", StringComparison.Ordinal) || threshold.Metric.StartsWith("response.", StringComparison.Ordinal)
                || (threshold.Metric.StartsWith("fanout.", StringComparison.Ordinal) && threshold.Metric is not ("fanout.reach" or "fanout.minReach" or "fanout.missing"))
                || threshold.Metric.StartsWith("connect.p", StringComparison.Ordinal) || threshold.Metric is "connect.mean" or "connect.max" or "throughput"
                ? CheckScope.Performance
                : CheckScope.Failures;
            checks.Add(new(Metric(run, "threshold " + threshold.Text, threshold, null), scope));
        }

        return checks;
    }

    private static ThresholdExpression Default(string metric, string op, double value, string unit) =>
        ThresholdExpression.Parse(FormattableString.Invariant($"{metric} {op} {value}{unit}"));

    /// <summary>
    /// A check of a threshold metric against the scenario's threshold, or the default when none; NotJudged without either.
    /// The metric is read on the phase the threshold names, else on the default phase of <see cref="ThresholdPhases"/>
    /// (round-trip latency and throughput on the hold, the rest on the whole run), and the target says which.
    /// </summary>
    private static ReadinessCheck Metric(RunResult run, string name, ThresholdExpression? threshold, ThresholdExpression? fallback)
    {
        var target = threshold ?? fallback;
        if (target is null)
        {
            return new(name, "none", Measured(run, MetricOf(name)), CheckStatus.NotJudged, null,
                $"no target: set a threshold such as {MetricOf(name)} < 200ms to judge it");
        }

        var metric = ThresholdMetrics.All[target.Metric];
        var phase = ThresholdPhases.Of(target, run.Summary, run.Phases);
        var source = $" ({(threshold is null ? "default" : "threshold")}, {ThresholdPhases.Describe(phase)})";
        if (ThresholdPhases.Read(metric, phase, run.Summary, run.Phases) is not double measured)
        {
            return new(name, target.Text + source, "no data", CheckStatus.NotJudged, null, ThresholdPhases.NoDataReason(metric, phase, run.Phases));
        }

        var margin = CheckMath.ForThreshold(measured, target);
        var holds = CheckMath.Holds(measured, target);
        return new(name, target.Text + source, Format(measured, target.Unit), CheckMath.Status(holds, margin, ReadinessRules.MarginalBand), CheckMath.Round(margin));
    }

    private static ReadinessCheck Throughput(RunResult run, ThresholdExpression? threshold)
    {
        if (threshold is not null)
        {
            return Metric(run, "sustained throughput", threshold, null);
        }

        if (SustainedThroughput.Of(run) is not { } throughput)
        {
            return new("sustained throughput", "none", Format(run.Summary.Messages.ThroughputPerSec, ThresholdUnit.PerSecond), CheckStatus.NotJudged, null,
                run.Summary.Fanout is not null || run.Summary.Push is not null ? "a broadcast or push: judged by its reach or gaps, not by replies a second" : "not a steady rate-driven run (closed loop, idle, fire-and-forget or bursts): no planned rate to hold it against");
        }

        var margin = CheckMath.AtLeast(throughput.PerSecond, throughput.Target, percent: false);
        return new("sustained throughput", $"≥ {Figures.N(throughput.Target)}/s ({Figures.Percent(ReadinessRules.MinThroughputShare)} of the planned {Figures.N(throughput.PlannedPerSecond)}/s, default, {ThresholdPhases.Describe(ThresholdPhases.Default(ThresholdMetrics.All["throughput"], run.Summary, run.Phases))})",
            Format(throughput.PerSecond, ThresholdUnit.PerSecond), CheckMath.Status(throughput.Held, margin, ReadinessRules.ThroughputMarginalBand), CheckMath.Round(margin));
    }

    /// <summary>The metric on its default phase, said with the phase: <c>12 ms, on the hold</c>.</summary>
    private static string Measured(RunResult run, string metric)
    {
        if (!ThresholdMetrics.All.TryGetValue(metric, out var m))
        {
            return "no data";
        }

        var phase = ThresholdPhases.Default(m, run.Summary, run.Phases);
        return ThresholdPhases.Read(m, phase, run.Summary, run.Phases) is double v ? $"{Format(v, m.Unit)}, {ThresholdPhases.Describe(phase)}" : "no data";
    }

    private static string MetricOf(string name) => name switch
    {
        "rtt p99" => "rtt.p99",
        "fan-out p99" => "fanout.p99",
        _ => name,
    };

    private static string Format(double value, ThresholdUnit unit) => unit switch
    {
        ThresholdUnit.Milliseconds => Figures.Ms(value),
        ThresholdUnit.Percent => FormattableString.Invariant($"{value:0.###}%"),
        ThresholdUnit.PerSecond => Figures.N(value) + "/s",
        _ => Figures.N(value),
    };
}
