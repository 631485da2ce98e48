using WsLoad.Analysis;
using WsLoad.Analysis.Capacity;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>
/// The analysis as text tables for every full report: the readiness checklist, the ranked root causes, the failure
/// patterns, anomalies and trends, and the capacity model. Formatted once, laid out by each reporter.
/// </summary>
public static class AnalysisTables
{
    public static string Decision(ReadinessDecision decision) => decision switch
    {
        ReadinessDecision.Go => "GO",
        ReadinessDecision.NoGo => "NO-GO",
        _ => "INCONCLUSIVE",
    };

    public static ReportTable Checklist(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new(["check", "target", "measured", "result", "margin"],
        [
            .. analysis.Verdict.Checks.Select(c => (IReadOnlyList<string>)
            [
                c.Name, c.Target, c.Measured, Status(c.Status) + (c.Note is { Length: > 0 } note ? $" ({note})" : ""),
                Margin(c.Margin),
            ]),
        ]);
    }

    public static ReportTable RootCauses(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var rank = 1;
        return new(["#", "likely cause", "confidence", "evidence for", "evidence against"],
        [
            .. analysis.RootCauses.Select(c => (IReadOnlyList<string>)
            [
                Count(rank++), c.Statement, Percent(100 * c.Confidence), string.Join("; ", c.Supporting), c.Contradicting.Count == 0 ? "-" : string.Join("; ", c.Contradicting),
            ]),
        ]);
    }

    public static ReportTable Patterns(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new(["pattern", "from", "to", "size", "what", "confidence", "likely cause"],
        [
            .. analysis.Failures.Patterns.Select(p => (IReadOnlyList<string>)
            [
                p.Kind.ToString().ToLowerInvariant(), Seconds(p.StartSeconds), Seconds(p.EndSeconds), Count(p.Size), p.Summary, Percent(100 * p.Confidence),
                p.LikelyCause is { } cause ? $"{cause.Event.Kind} at {Seconds(cause.Event.AtSeconds)} ({Seconds(cause.SecondsBefore)} before)" : "-",
            ]),
        ]);
    }

    public static ReportTable AnomaliesAndTrends(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var anomalies = analysis.Anomalies.Anomalies.Select(a => (IReadOnlyList<string>)
        [
            "anomaly", a.Metric.ToString(), $"{a.Direction.ToString().ToLowerInvariant()} {Seconds(a.FromSeconds)}–{Seconds(a.ToSeconds)}",
            $"peak {Number(a.Peak)} vs baseline {Number(a.Baseline)}", a.Confidence.ToString().ToLowerInvariant(),
        ]);
        var trends = analysis.Anomalies.Trends.Where(t => t.Significant).Select(t => (IReadOnlyList<string>)
        [
            "trend", t.Metric.ToString(), t.Direction.ToString().ToLowerInvariant(),
            $"{Number(t.ChangeOverHold)} over the hold" + (t.RelativeChange is { } r ? $" ({Percent(100 * r)})" : ""), t.Confidence.ToString().ToLowerInvariant(),
        ]);
        return new(["finding", "metric", "when / direction", "size", "confidence"], [.. anomalies, .. trends]);
    }

    /// <summary>The capacity model as figure/value rows; one row saying why when it could not be fitted.</summary>
    public static ReportTable Capacity(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var capacity = analysis.Capacity;
        var status = capacity.Status switch
        {
            CapacityStatus.Fitted => "fitted",
            CapacityStatus.NotEnoughPlateaus => "not fitted",
            _ => "fit failed",
        };
        var rows = new List<IReadOnlyList<string>> { new[] { "status", status + (capacity.Reason is { Length: > 0 } r ? $": {r}" : "") } };
        if (capacity.Usl is { } usl)
        {
            rows.Add(["USL fit (λ, σ, κ)", $"λ {Number(usl.Lambda)} ± {Number(usl.LambdaStdError)}, σ {Number(usl.Sigma, "0.#####")} ± {Number(usl.SigmaStdError, "0.#####")}, κ {Number(usl.Kappa, "0.#######")} ± {Number(usl.KappaStdError, "0.#######")}"]);
            rows.Add(["fit quality", $"R² {Number(usl.RSquared)} over {Count(usl.Points)} plateaus"]);
        }

        if (capacity.Peak is { } peak)
        {
            rows.Add(["peak", peak.Location switch
            {
                PeakLocation.WithinMeasuredRange or PeakLocation.BeyondMeasuredRange when peak.MaxThroughput is { } max =>
                    $"{Rate(max, "msg")} ± {Number(peak.MaxThroughputStdError ?? 0, "#,0")} at about {Number(peak.PeakConnections ?? 0, "#,0")} connections ({Where(peak.Location)})",
                _ => $"{Where(peak.Location)}: {Rate(peak.ThroughputAtLargestMeasured, "msg")} at the largest load measured",
            }]);
        }

        if (capacity.LatencyLimit is { } limit)
        {
            rows.Add(["p99 target reached", limit.Connections is { } n ? $"at about {Number(n, "#,0")} connections ({Reached(limit.Status)}, {limit.Threshold})" : Reached(limit.Status)]);
        }

        return new(["capacity", "value"], rows);
    }

    /// <summary>Where the predicted peak lies, in words (the enum's names are for run.json).</summary>
    private static string Where(PeakLocation location) => location switch
    {
        PeakLocation.WithinMeasuredRange => "within the measured range",
        PeakLocation.BeyondMeasuredRange => "beyond the measured range, extrapolated",
        PeakLocation.BelowMeasuredRange => "below the smallest load measured: throughput fell at every step",
        _ => "no peak: throughput does not turn down",
    };

    /// <summary>How the p99 target's crossing was found, in words.</summary>
    private static string Reached(LatencyLimitStatus status) => status switch
    {
        LatencyLimitStatus.NoTarget => "no p99 target in the scenario",
        LatencyLimitStatus.NotEnoughPoints => "not enough plateaus to tell",
        LatencyLimitStatus.PassedWithinMeasuredRange => "passed within the measured range",
        LatencyLimitStatus.Predicted => "predicted beyond the measured range",
        _ => "not reached at any load",
    };

    /// <summary>A reason or risk as a sentence: capital first letter, full stop at the end.</summary>
    public static string Sentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return trimmed;
        }

        trimmed = char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    /// <summary>Headroom against the target; beyond ten times the target's own size the exact figure says nothing more.</summary>
    private static string Margin(double? margin) => margin switch
    {
        null => "-",
        > 10 => "far above",
        < -10 => "far below",
        { } m => Percent(100 * m),
    };

    private static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "pass",
        CheckStatus.Marginal => "marginal",
        CheckStatus.Failed => "FAIL",
        _ => "not judged",
    };
}
