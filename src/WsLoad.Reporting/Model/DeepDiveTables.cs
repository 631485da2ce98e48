using System.Text.Encodings.Web;
using System.Text.Json;
using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>
/// The rows of the deep-dive tables every full report shows, as text cells, so that Markdown, HTML and PDF lay out the
/// same figures. Each method returns a header and rows; empty rows mean "nothing to show".
/// </summary>
public static class DeepDiveTables
{
    /// <summary>run.json's options, but writing &lt; and &gt; as themselves: this JSON is read by people (HTML escapes it itself).</summary>
    private static readonly JsonSerializerOptions ReadableJson = new(RunResultJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ReportTable Thresholds(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(["threshold", "measured", "result"],
        [
            .. result.Thresholds.Select(t => (IReadOnlyList<string>)
            [
                t.Expression, t.Value is { } v ? Number(v) : "-", t.Passed ? "pass" : "FAIL" + (t.Error is null ? "" : $" ({t.Error})"),
            ]),
        ]);
    }

    /// <summary>Percentiles of every latency the run measured, in ms: service and response time, then the connect phases.</summary>
    public static ReportTable Latencies(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var l = result.Summary.LatencyMs;
        (string Name, LatencySummary? Value)[] rows =
        [
            ("service time (rtt)", l.Rtt), ("response time", l.Response), ("connect (total)", l.Connect), ("tcp connect", l.TcpConnect),
            ("tls handshake", l.Tls), ("websocket upgrade", l.Upgrade), ("first message", l.FirstMessage),
        ];
        return new(["ms", "samples", "p50", "p90", "p95", "p99", "p99.9", "max", "mean"],
        [
            .. rows.Where(r => r.Value is { Count: > 0 }).Select(r => (IReadOnlyList<string>)
            [
                r.Name, Count(r.Value!.Count), Number(r.Value.P50), Number(r.Value.P90), Number(r.Value.P95), Number(r.Value.P99),
                Number(r.Value.P999), Number(r.Value.Max), Number(r.Value.Mean),
            ]),
        ]);
    }

    public static ReportTable Connections(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = result.Summary.Connections;
        var counts = ConnectionCounts.Of(result.Summary);
        return new(["attempted", "established", "failed", "reconnected", "dropped", "closed normally", "peak open", "connect rate"],
        [[
            Count(counts.Attempted), Count(counts.Established), Count(counts.Failed), result.Summary.Recovery is null ? "-" : counts.Reconnected,
            Count(c.Dropped), Count(c.ClosedNormally), Count(c.Peak), Rate(c.ConnectRatePerSec, "conn"),
        ]]);
    }

    /// <summary>
    /// A run in several worker processes: each worker's share and what it did, so one that fell short (lost, saturated,
    /// fewer connections than planned) stands out from the merged figures. Empty for a run in one process.
    /// </summary>
    public static ReportTable Workers(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(["worker", "segment", "status", "connected / planned", "sent", "received", "peak CPU", "peak RSS", "saturated s"],
            [.. (result.Workers ?? []).Select(w => (IReadOnlyList<string>)
            [
                $"{w.Name} (pid {w.ProcessId})", w.Segment, w.StatusReason is { Length: > 0 } why ? $"{w.Status}: {why}" : w.Status,
                $"{Count(w.Established)} / {Count(w.PlannedConnections)}", Count(w.Sent), Count(w.Received),
                Percent(w.MaxCpuPercent), Bytes(w.MaxRssBytes), Count(w.SaturatedIntervals),
            ])]);
    }

    /// <summary>What "unanswered at close" counts, for the reports to print under the delivery table.</summary>
    public const string UnansweredAtCloseNote =
        "Unanswered at close: still in flight when this side closed the connection (sent after its newest answer, which came within the message timeout of the close). Not lost, and not an error.";

    public static ReportTable Delivery(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Summary.Messages;
        return new(["sent", "received", "lost", "unanswered at close", "duplicated", "out of order", "corrupted", "late", "missed sends", "bytes sent", "bytes received"],
        [[
            Count(m.Sent), Count(m.Received), Count(m.Lost), Count(m.UnansweredAtClose), Count(m.Duplicated), Count(m.OutOfOrder), Count(m.Corrupted),
            Count(m.Late), Count(m.MissedSends), Bytes(m.BytesSent), Bytes(m.BytesReceived),
        ]]);
    }

    /// <summary>
    /// How connections ended: the close handshake this side began (ms, from its close frame to the connection's end) and
    /// each connection's lifetime (s, from the 101 to its close or drop). Rows only for what was measured.
    /// </summary>
    public static ReportTable ConnectionEnds(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var close = result.Summary.LatencyMs.CloseHandshake;
        var lifetime = result.Summary.Connections.LifetimeSeconds;
        var rows = new List<IReadOnlyList<string>>();
        if (close is { Count: > 0 })
        {
            rows.Add(["close handshake, ms (our close frame to the end)", Count(close.Count), Number(close.P50), Number(close.P90), Number(close.P99), Number(close.Max), Number(close.Mean)]);
        }

        if (lifetime is { Count: > 0 })
        {
            rows.Add(["lifetime, s (101 to close or drop)", Count(lifetime.Count), Number(lifetime.P50, "0.##"), Number(lifetime.P90, "0.##"), Number(lifetime.P99, "0.##"), Number(lifetime.Max, "0.##"), Number(lifetime.Mean, "0.##")]);
        }

        return new(["", "samples", "p50", "p90", "p99", "max", "mean"], rows);
    }

    /// <summary>Errors by class, most frequent first, each with its first recorded example.</summary>
    public static ReportTable Errors(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(["class", "count", "first example"],
        [
            .. result.ErrorsByClass.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => (IReadOnlyList<string>)
            [
                e.Key, Count(e.Value),
                result.FailureEvents.FirstOrDefault(f => f.Class == e.Key) is { } first ? $"at {Number(first.AtSeconds)} s, connection {first.ConnectionId}: {first.Message}" : "",
            ]),
        ]);
    }

    /// <summary>Faults injected and recoveries observed, by time, so effects in the charts can be lined up with causes.</summary>
    public static ReportTable Events(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(["at", "source", "event", "what", "lasted", "count"],
        [
            .. result.Events.OrderBy(e => e.AtSeconds).Select(e => (IReadOnlyList<string>)
            [
                Seconds(e.AtSeconds), e.Source.ToString().ToLowerInvariant(), e.Kind, e.Description,
                e.DurationSeconds is { } d ? Seconds(d) : "-", e.Count is { } n ? Count(n) : "-",
            ]),
        ]);
    }

    /// <summary>Peak resource use of the generator, the server and the machine, from the per-second series.</summary>
    public static ReportTable Resources(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Series;
        var generator = s.Where(i => i.Generator is not null).Select(i => i.Generator!).ToList();
        var server = s.Where(i => i.Server is not null).Select(i => i.Server!).ToList();
        var machine = s.Where(i => i.Machine is not null).Select(i => i.Machine!).ToList();
        var rows = new List<IReadOnlyList<string>>();
        if (generator.Count > 0)
        {
            rows.Add(["generator", Percent(generator.Max(g => g.CpuPercent)), Bytes(generator.Max(g => g.RssBytes)), Count(generator.Max(g => g.Threads)), Count(generator.Max(g => g.OpenFiles))]);
        }

        if (server.Count > 0)
        {
            var name = server[0].Source == "prometheus" ? "server (from Prometheus)" : $"server (pid {server[0].ProcessId})";
            rows.Add([name, server.Max(p => p.CpuPercent) is { } cpu ? Percent(cpu) : "-", server.Max(p => p.RssBytes) is { } rss ? Bytes(rss) : "-",
                server.Max(p => p.Threads) is { } threads ? Count(threads) : "-", server.Max(p => p.OpenFiles) is { } files ? Count(files) : "-"]);
        }

        if (machine.Count > 0)
        {
            rows.Add(["machine (% of all cores)", Percent(machine.Max(m => m.CpuPercent)), Bytes(machine.Max(m => m.MemoryUsedBytes)) + " used", "-", "-"]);
        }

        return new(["peak", "CPU (% of one core)", "memory", "threads", "open files"], rows);
    }

    public static ReportTable Environment(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var env = result.Environment;
        return new(["machine", "os", "runtime", "cores", "memory", "open-file limit", "port range", "tool"],
        [[
            env.MachineName, env.Os, env.Runtime, Count(env.ProcessorCount), env.TotalMemoryBytes > 0 ? Bytes(env.TotalMemoryBytes) : "-",
            env.OpenFileLimit is { } f ? Count(f) : "-", env.EphemeralPortRange ?? "-", $"{result.Tool} {result.ToolVersion}",
        ]]);
    }

    /// <summary>The scenario exactly as run, as run.json stores it (indented JSON).</summary>
    public static string ScenarioJson(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result.Scenario, ReadableJson).ReplaceLineEndings("\n");
    }
}
