using System.Globalization;
using System.Text.Json;
using WsLoad.Reporting.Model;
using WsLoad.Results;

namespace WsLoad.Reporting.Csv;

/// <summary>
/// The rows of summary.csv: <c>metric,value</c>, metric names dotted with snake_case parts (<c>connections.attempted</c>,
/// <c>latency_ms.rtt.p99</c>, <c>availability.overall_percent</c>); the hold's figures (<c>hold.latency_ms.rtt.p99</c>) come first. Keys from the run go in brackets:
/// <c>threshold[rtt.p99 &lt; 500ms].passed</c>, <c>checkpoint[slow replies].fired</c>, <c>errors_by_class[connect_timeout]</c>. Every fixed metric is always
/// present, with an empty value when run.json has none (a latency that was not measured, no availability), so the
/// same metric is on the same line from run to run.
/// </summary>
internal static class SummaryTable
{
    private static readonly string[] LatencyStatistics = ["count", "p50", "p90", "p95", "p99", "p999", "max", "mean"];

    public static IReadOnlyList<string> Header { get; } = ["metric", "value"];

    public static IEnumerable<object?[]> Rows(RunResult result) => Metrics(result).Select(m => new[] { m.Metric, m.Value });

    private static IEnumerable<(string Metric, object? Value)> Metrics(RunResult result)
    {
        yield return ("run.scenario", result.Scenario.Name);
        yield return ("run.url", result.Scenario.Target.Url.OriginalString);
        yield return ("run.started_at", result.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        yield return ("run.duration_seconds", result.DurationSeconds);
        yield return ("run.status", JsonNamingPolicy.KebabCaseLower.ConvertName(result.Status.ToString()));
        yield return ("run.status_reason", result.StatusReason);
        yield return ("run.tool_version", result.ToolVersion);

        // The hold (the steady state) first; empty values when the run has no hold figures.
        var hold = SteadyState.Hold(result);
        yield return ("hold.from_seconds", hold?.FromSeconds);
        yield return ("hold.to_seconds", hold?.ToSeconds);
        yield return ("hold.received_per_sec", hold?.ReceivedPerSec);
        yield return ("hold.sent_per_sec", hold?.SentPerSec);
        foreach (var metric in Latencies("hold.latency_ms", [("rtt", hold?.Rtt), ("response", hold?.Response), ("connect", hold?.Connect)]))
        {
            yield return metric;
        }

        var c = result.Summary.Connections;
        yield return ("connections.attempted", c.Attempted);
        yield return ("connections.established", c.Established);
        yield return ("connections.failed", c.Failed);
        yield return ("connections.dropped", c.Dropped);
        yield return ("connections.closed_normally", c.ClosedNormally);
        yield return ("connections.peak", c.Peak);
        yield return ("connections.connect_rate_per_sec", c.ConnectRatePerSec);
        foreach (var metric in Latencies("connections", [("lifetime_seconds", c.LifetimeSeconds)]))
        {
            yield return metric;
        }

        var m = result.Summary.Messages;
        yield return ("messages.sent", m.Sent);
        yield return ("messages.received", m.Received);
        yield return ("messages.lost", m.Lost);
        yield return ("messages.unanswered_at_close", m.UnansweredAtClose);
        yield return ("messages.duplicated", m.Duplicated);
        yield return ("messages.out_of_order", m.OutOfOrder);
        yield return ("messages.corrupted", m.Corrupted);
        yield return ("messages.missed_sends", m.MissedSends);
        yield return ("messages.late", m.Late);
        yield return ("messages.bytes_sent", m.BytesSent);
        yield return ("messages.bytes_received", m.BytesReceived);
        yield return ("messages.throughput_per_sec", m.ThroughputPerSec);
        yield return ("messages.whole_run_received_per_sec", SteadyState.WholeRunThroughput(result));

        var l = result.Summary.LatencyMs;
        foreach (var metric in Latencies("latency_ms",
        [
            ("rtt", l.Rtt), ("response", l.Response), ("connect", l.Connect), ("tcp_connect", l.TcpConnect), ("tls", l.Tls), ("upgrade", l.Upgrade),
            ("first_message", l.FirstMessage), ("close_handshake", l.CloseHandshake),
        ]))
        {
            yield return metric;
        }

        var a = result.Summary.Availability;
        yield return ("availability.overall_percent", a?.OverallPercent);
        yield return ("availability.min_connection_percent", a?.MinConnectionPercent);
        yield return ("availability.median_connection_percent", a?.MedianConnectionPercent);
        yield return ("availability.connections_below_full", a?.ConnectionsBelowFull);
        yield return ("availability.failures", a?.Failures);
        yield return ("availability.recoveries", a?.Recoveries);
        yield return ("availability.mtbf_seconds", a?.MtbfSeconds);
        yield return ("availability.mttr_seconds", a?.MttrSeconds);

        var g = result.GeneratorHealth;
        yield return ("generator.saturated", g?.Saturated);
        yield return ("generator.saturated_intervals", g?.SaturatedIntervals);
        yield return ("generator.max_cpu_percent", g?.MaxCpuPercent);
        yield return ("generator.max_scheduling_lag_ms", g?.MaxSchedulingLagMs);
        yield return ("generator.max_thread_pool_queue", g?.MaxThreadPoolQueue);
        yield return ("generator.max_thread_pool_delay_ms", g?.MaxThreadPoolDelayMs);

        // A pause-ramp checkpoint's capacity answer; empty without one.
        yield return ("checkpoints.highest_healthy_level", result.Checkpoints?.HighestHealthyLevel);
        yield return ("checkpoints.highest_healthy_at_seconds", result.Checkpoints?.HighestHealthyAtSeconds);

        foreach (var threshold in result.Thresholds)
        {
            yield return ($"threshold[{threshold.Expression}].value", threshold.Value);
            yield return ($"threshold[{threshold.Expression}].passed", threshold.Passed);
            yield return ($"threshold[{threshold.Expression}].error", threshold.Error);
        }

        foreach (var checkpoint in result.Checkpoints?.Items ?? [])
        {
            var key = $"checkpoint[{checkpoint.Name}]";
            yield return ($"{key}.when", checkpoint.When);
            yield return ($"{key}.action", checkpoint.Action);
            yield return ($"{key}.fired", checkpoint.Fired);
            yield return ($"{key}.first_fired_seconds", checkpoint.FirstFiredSeconds);
            yield return ($"{key}.seconds_held", checkpoint.SecondsHeld);
            yield return ($"{key}.seconds_judged", checkpoint.SecondsJudged);
            yield return ($"{key}.worst_value", checkpoint.WorstValue);
            yield return ($"{key}.unit", checkpoint.Unit);
        }

        foreach (var (errorClass, count) in result.ErrorsByClass.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            yield return ($"errors_by_class[{errorClass}]", count);
        }
    }

    /// <summary><c>prefix.name.count</c>, <c>.p50</c> … <c>.mean</c> of each summary, every one present (empty when null).</summary>
    private static IEnumerable<(string Metric, object? Value)> Latencies(string prefix, IEnumerable<(string Name, LatencySummary? Value)> latencies)
    {
        foreach (var (name, value) in latencies)
        {
            object?[] figures = value is null ? new object?[LatencyStatistics.Length] : [value.Count, value.P50, value.P90, value.P95, value.P99, value.P999, value.Max, value.Mean];
            for (var i = 0; i < LatencyStatistics.Length; i++)
            {
                yield return ($"{prefix}.{name}.{LatencyStatistics[i]}", figures[i]);
            }
        }
    }
}
