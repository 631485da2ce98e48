using Spectre.Console;
using Spectre.Console.Rendering;
using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Cli.Console;

/// <summary>
/// The end-of-run summary, rendered from a <see cref="RunResult"/> alone (never from live engine state), so the
/// same text can be produced again from run.json and tested over fixture results. Numbers are invariant culture.
/// </summary>
internal static partial class SummaryRenderer
{
    public static IRenderable Render(RunResult result, string? runJsonPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Summary;
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(result.Scenario.Name)}[/] against {Markup.Escape(result.Scenario.Target.Url.OriginalString)}, {Numbers.Seconds(result.DurationSeconds)}"),
            SteadyStateTable(result),
            Section("Connections", ConnectionRows(summary)),
            MessageTable(summary.Messages, summary.Retry),
            LatencyTable(summary.LatencyMs),
        };
        parts.AddRange(FanoutTables(result));
        parts.AddRange(PushTable(result));
        if (result.Workers is { Count: > 0 } workers)
        {
            parts.Add(WorkerTable(workers));
        }

        if (result.Thresholds.Count > 0)
        {
            parts.Add(ThresholdTable(result.Thresholds));
        }

        parts.AddRange(CheckpointParts(result));

        if (result.ErrorsByClass.Count > 0)
        {
            parts.Add(Section("Errors by class", result.ErrorsByClass.OrderByDescending(e => e.Value).Select(e => (e.Key, Numbers.Count(e.Value)))));
        }

        if (result.GeneratorHealth is { Saturated: true } health)
        {
            parts.Add(new Markup("[yellow]" + Markup.Escape(SaturationLine(health)) + "[/]"));
        }

        parts.Add(new Markup(Markup.Escape(VerdictLine(result, runJsonPath))));
        return new Rows(parts);
    }

    /// <summary>Says that (and when) the generator itself was the bottleneck, so its latency there is not the server's.</summary>
    public static string SaturationLine(GeneratorHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var periods = string.Join(", ", health.Periods.Select(p => $"{Numbers.Decimal(p.FromSeconds)}-{Numbers.Decimal(p.ToSeconds)} s ({string.Join(", ", p.Reasons)})"));
        return $"The generator was saturated for {health.SaturatedIntervals} interval(s): {periods}. "
            + "Latency measured then is partly the generator's own delay; rerun with fewer connections or messages per generator, or more generators.";
    }

    /// <summary>First connects and reconnects apart (run.json's connection counters add them up), then drops and the rest.</summary>
    private static IEnumerable<(string, string)> ConnectionRows(RunSummary summary)
    {
        var c = summary.Connections;
        var counts = ConnectionCounts.Of(summary);
        return
        [
            ("attempted", Numbers.Count(counts.Attempted)),
            ("established", Numbers.Count(counts.Established)),
            ("failed", Numbers.Count(counts.Failed)),
            .. summary.Recovery is null ? [] : new[] { ("reconnected", counts.Reconnected) },
            ("dropped", Numbers.Count(c.Dropped)),
            ("peak open", Numbers.Count(c.Peak)),
            ("connect rate", Numbers.Rate(c.ConnectRatePerSec) + "/s"),
            ("availability", summary.Availability is { } a ? Numbers.Decimal(a.OverallPercent) + "%" : "-"),
            ("lifetime p50/p99/max", c.LifetimeSeconds is { Count: > 0 } l ? $"{Numbers.Ms(l.P50)}/{Numbers.Ms(l.P99)}/{Numbers.Ms(l.Max)} s" : "-"),
        ];
    }

    private static IEnumerable<(string, string)> MessageRows(MessageSummary m, RetrySummary? retry) =>
    [
        ("sent", Numbers.Count(m.Sent)),
        .. retry is null ? [] : new[] { ("retried (retries)", $"{Numbers.Count(retry.MessagesRetried)} ({Numbers.Count(retry.Retransmissions)})") },
        ("received", Numbers.Count(m.Received)),
        ("lost", Numbers.Count(m.Lost)),
        ("unanswered at close (not lost)", Numbers.Count(m.UnansweredAtClose)),
        ("duplicated", Numbers.Count(m.Duplicated)),
        ("out of order", Numbers.Count(m.OutOfOrder)),
        ("corrupted", Numbers.Count(m.Corrupted)),
        ("late (after timeout)", Numbers.Count(m.Late)),
        ("missed sends", Numbers.Count(m.MissedSends)),
    ];

    /// <summary>The message counts; when some were unanswered at close, a caption says what that means.</summary>
    private static Table MessageTable(MessageSummary m, RetrySummary? retry)
    {
        var table = Section("Messages", MessageRows(m, retry));
        if (m.UnansweredAtClose > 0)
        {
            table.Caption = new TableTitle("unanswered at close: still in flight when this side closed; not lost, not an error");
        }

        return table;
    }

    private static Table Section(string title, IEnumerable<(string Name, string Value)> rows)
    {
        var table = new Table { Title = new TableTitle(title), Border = TableBorder.Rounded };
        table.AddColumn("");
        table.AddColumn(new TableColumn("").RightAligned());
        table.HideHeaders();
        foreach (var (name, value) in rows)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        return table;
    }

    /// <summary>
    /// One table for every latency the run measured, named for what they are: the round trip from the actual send
    /// (service time) and from the intended send (response time), then connection set-up by phase.
    /// </summary>
    private static IRenderable LatencyTable(LatencySummaries latency)
    {
        (string Name, LatencySummary? Value)[] rows =
        [
            ("rtt", latency.Rtt),
            ("response", latency.Response),
            ("connect", latency.Connect),
            (" tcp", latency.TcpConnect),
            (" tls", latency.Tls),
            (" upgrade", latency.Upgrade),
            ("1st msg", latency.FirstMessage),
            ("close", latency.CloseHandshake),
        ];
        var measured = rows.Where(r => r.Value is { Count: > 0 }).ToList();
        if (measured.Count == 0)
        {
            return new Markup("Latency, whole run (ms): no samples");
        }

        var table = new Table { Title = new TableTitle("Latency, whole run (ms)"), Border = TableBorder.Rounded };
        table.AddColumn("");
        foreach (var name in new[] { "samples", "p50", "p90", "p95", "p99", "p99.9", "max", "mean" })
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var (name, l) in measured)
        {
            table.AddRow(
                Markup.Escape(name),
                Numbers.Count(l!.Count),
                Numbers.Ms(l.P50),
                Numbers.Ms(l.P90),
                Numbers.Ms(l.P95),
                Numbers.Ms(l.P99),
                Numbers.Ms(l.P999),
                Numbers.Ms(l.Max),
                Numbers.Ms(l.Mean));
        }

        table.Caption = new TableTitle(latency.Rtt is null
            ? "no round trips were correlated"
            : "rtt: from the actual send (service time); response: from the intended send (coordinated omission corrected); close: the close handshake we began");

        return table;
    }

    /// <summary>What the summary leads with: the hold's throughput and latency, the whole run's beside them (throughput is here only).</summary>
    private static Table SteadyStateTable(RunResult result)
    {
        var figures = SteadyState.Table(result);
        var table = new Table
        {
            Title = new TableTitle(figures.Headers.Count > 2 ? "Steady state (hold) and whole run" : "Whole run (no hold figures)"),
            Border = TableBorder.Rounded,
        };
        table.AddColumn("");
        foreach (var header in figures.Headers.Skip(1))
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        }

        foreach (var row in figures.Rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        return table;
    }

    private static Table ThresholdTable(IReadOnlyList<ThresholdResult> thresholds)
    {
        var table = new Table { Title = new TableTitle("Thresholds"), Border = TableBorder.Rounded };
        table.AddColumn("expression");
        table.AddColumn("judged on");
        table.AddColumn(new TableColumn("value").RightAligned());
        table.AddColumn("result");
        foreach (var threshold in thresholds)
        {
            var value = threshold.Value is { } v ? Numbers.Decimal(v) : "-";
            var verdict = threshold.Passed ? "[green]PASS[/]" : "[red]FAIL[/]";
            if (threshold.Error is { Length: > 0 } error)
            {
                verdict += " " + Markup.Escape(error);
            }

            // The phase matters as much as the value: rtt.p99 with no phase is judged on the hold when there is one.
            var judgedOn = threshold.Phase switch { null => "-", "all" => "whole run", var phase => phase };
            table.AddRow(Markup.Escape(threshold.Expression), Markup.Escape(judgedOn), value, verdict);
        }

        return table;
    }
}
