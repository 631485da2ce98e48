using System.Globalization;
using System.Text;
using WsLoad.Results;

namespace WsLoad.Reporting;

/// <summary>The run as Markdown with GitHub tables: verdict and key figures first, then the details.</summary>
public sealed class MarkdownReporter : TextReporterBase
{
    public override string Format => "md";

    public override string FileName => "report.md";

    protected override void Build(RunResult result, StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(text);
        var summary = result.Summary;
        text.AppendLine(CultureInfo.InvariantCulture, $"# {result.Scenario.Name}: {Verdict(result.Status)}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{result.Scenario.Target.Url} — started {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {N(result.DurationSeconds, "0.0")} s.");
        if (result.StatusReason is { Length: > 0 } reason)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**{Verdict(result.Status)}:** {reason}");
        }

        text.AppendLine().AppendLine("## Key figures").AppendLine();
        Table(text, ["figure", "value"],
        [
            ["connections", $"{N(summary.Connections.Established)} of {N(summary.Connections.Attempted)} established, peak {N(summary.Connections.Peak)}"],
            ["connect success", summary.Connections.Attempted > 0 ? $"{N(100.0 * summary.Connections.Established / summary.Connections.Attempted, "0.##")}%" : "-"],
            ["availability", summary.Availability is { } a ? $"{N(a.OverallPercent, "0.####")}%" : "-"],
            ["throughput", $"{N(summary.Messages.ThroughputPerSec, "#,0.#")} msg/s"],
            ["rtt p50 / p99 / p99.9", Latency(summary.LatencyMs.Rtt)],
            ["messages lost / corrupted", $"{N(summary.Messages.Lost)} / {N(summary.Messages.Corrupted)}"],
        ]);

        if (result.Thresholds.Count > 0)
        {
            text.AppendLine().AppendLine("## Thresholds").AppendLine();
            Table(text, ["expression", "value", "result"],
                [.. result.Thresholds.Select(t => new[] { Code(t.Expression), t.Value is { } v ? N(v) : "-", t.Passed ? "pass" : "**FAIL**" + (t.Error is null ? "" : $" ({t.Error})") })]);
        }

        if (result.GeneratorHealth is { Saturated: true } health)
        {
            var periods = string.Join(", ", health.Periods.Select(p => $"{N(p.FromSeconds)}–{N(p.ToSeconds)} s ({string.Join(", ", p.Reasons)})"));
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"> The generator was saturated for {health.SaturatedIntervals} interval(s): {periods}. Latency measured then is partly the generator's own delay.");
        }

        AppendDetails(result, text);
    }

    private static void AppendDetails(RunResult result, StringBuilder text)
    {
        var summary = result.Summary;
        var c = summary.Connections;
        text.AppendLine().AppendLine("## Connections").AppendLine();
        Table(text, ["attempted", "established", "failed", "dropped", "closed normally", "peak", "connect rate"],
            [[N(c.Attempted), N(c.Established), N(c.Failed), N(c.Dropped), N(c.ClosedNormally), N(c.Peak), $"{N(c.ConnectRatePerSec, "0.#")}/s"]]);

        var m = summary.Messages;
        text.AppendLine().AppendLine("## Messages").AppendLine();
        Table(text, ["sent", "received", "lost", "duplicated", "out of order", "corrupted", "late", "missed sends"],
            [[N(m.Sent), N(m.Received), N(m.Lost), N(m.Duplicated), N(m.OutOfOrder), N(m.Corrupted), N(m.Late), N(m.MissedSends)]]);

        text.AppendLine().AppendLine("## Latency (ms)").AppendLine();
        text.AppendLine("`rtt` is timed from the actual send (service time), `response` from the intended send (corrected for coordinated omission).").AppendLine();
        var l = summary.LatencyMs;
        (string Name, LatencySummary? Value)[] rows =
            [("rtt", l.Rtt), ("response", l.Response), ("connect", l.Connect), ("tcp connect", l.TcpConnect), ("tls", l.Tls), ("upgrade", l.Upgrade), ("first message", l.FirstMessage)];
        Table(text, ["", "samples", "p50", "p90", "p95", "p99", "p99.9", "max", "mean"],
            [.. rows.Where(r => r.Value is { Count: > 0 }).Select(r => new[] { r.Name, N(r.Value!.Count), N(r.Value.P50), N(r.Value.P90), N(r.Value.P95), N(r.Value.P99), N(r.Value.P999), N(r.Value.Max), N(r.Value.Mean) })]);

        if (result.ErrorsByClass.Count > 0)
        {
            text.AppendLine().AppendLine("## Errors by class").AppendLine();
            Table(text, ["class", "count", "first example"],
                [.. result.ErrorsByClass.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => new[]
                {
                    Code(e.Key), N(e.Value),
                    result.FailureEvents.FirstOrDefault(f => f.Class == e.Key) is { } first ? $"{N(first.AtSeconds)} s, connection {first.ConnectionId}: {first.Message}" : "",
                })]);
        }

        text.AppendLine().AppendLine("## Environment").AppendLine();
        var env = result.Environment;
        Table(text, ["machine", "os", "runtime", "cores", "open-file limit", "tool"],
            [[env.MachineName, env.Os, env.Runtime, N(env.ProcessorCount), env.OpenFileLimit is { } f ? N(f) : "-", $"{result.Tool} {result.ToolVersion}"]]);
    }

    private static string Verdict(RunStatus status) => status switch
    {
        RunStatus.Completed => "PASSED",
        RunStatus.ThresholdsFailed => "FAILED",
        RunStatus.Interrupted => "INTERRUPTED",
        _ => "ABORTED",
    };

    private static string Latency(LatencySummary? latency) =>
        latency is null ? "-" : $"{N(latency.P50)} / {N(latency.P99)} / {N(latency.P999)} ms";

    private static string Code(string text) => "`" + text.Replace("`", "'", StringComparison.Ordinal) + "`";

    private static void Table(StringBuilder text, string[] headers, IReadOnlyList<string[]> rows)
    {
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select(_ => " --- |")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        }
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
