using System.Text.Json;
using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// The end of a run as the page's banner shows it: the verdict the HTML report leads with (<see cref="Verdict"/>, so
/// the two never disagree), the readiness decision apart, each threshold held or missed, and the run's totals.
/// </summary>
internal sealed record DashboardSummary
{
    /// <summary><c>completed</c>, <c>thresholds-failed</c>, <c>interrupted</c> or <c>aborted</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>PASSED, FAILED, GO, NO-GO, INCONCLUSIVE, INTERRUPTED, ABORTED or COMPLETED, as the report's banner.</summary>
    public string Verdict { get; init; } = "";

    /// <summary>The verdict's kind in lower case (<c>go</c>, <c>nogo</c>, <c>failed</c>…): the banner's colour.</summary>
    public string Kind { get; init; } = "";

    public string Explanation { get; init; } = "";

    /// <summary>GO, NO-GO or INCONCLUSIVE; null when the analysis failed.</summary>
    public string? Readiness { get; init; }

    /// <summary>How sure the readiness decision is, 0..1.</summary>
    public double? Confidence { get; init; }

    public IReadOnlyList<DashboardThreshold> Thresholds { get; init; } = [];

    public double DurationSeconds { get; init; }

    public long PeakConnections { get; init; }

    public long Sent { get; init; }

    public long Received { get; init; }

    public long Errors { get; init; }

    public double? RttP99 { get; init; }

    /// <summary>True when the generator was itself saturated at some point: the latency figures are partly its own.</summary>
    public bool GeneratorSaturated { get; init; }

    public static DashboardSummary Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var verdict = Reporting.Model.Verdict.Of(result);
        var readiness = result.Analysis?.Verdict;
        return new DashboardSummary
        {
            Status = JsonNamingPolicy.KebabCaseLower.ConvertName(result.Status.ToString()),
            Verdict = verdict.Headline,
            Kind = verdict.Kind.ToString().ToLowerInvariant(),
            Explanation = verdict.Explanation,
            Readiness = readiness is null ? null : AnalysisTables.Decision(readiness.Decision),
            Confidence = readiness?.Confidence,
            Thresholds = [.. result.Thresholds.Select(t => new DashboardThreshold(t.Expression, t.Passed, t.Value, t.Error))],
            DurationSeconds = Math.Round(result.DurationSeconds, 3),
            PeakConnections = result.Summary.Connections.Peak,
            Sent = result.Summary.Messages.Sent,
            Received = result.Summary.Messages.Received,
            Errors = result.ErrorsByClass.Values.Sum(),
            RttP99 = result.Summary.LatencyMs.Rtt?.P99,
            GeneratorSaturated = result.GeneratorHealth?.Saturated ?? false,
        };
    }
}

/// <summary>One threshold: its expression, whether it held, and the value it was judged on.</summary>
internal sealed record DashboardThreshold(string Expression, bool Passed, double? Value, string? Error);
