using WsLoad.Results;

namespace WsLoad.Reporting.Csv;

/// <summary>
/// The columns of series.csv: one row per <see cref="IntervalSample"/>, every figure flattened into snake_case columns
/// (<c>generator_</c>, <c>server_</c> and <c>machine_</c> for the resources; units as suffixes: <c>_ms</c>, <c>_bytes</c>,
/// <c>_percent</c>). Counts are per interval, not cumulative. Empty cells where run.json has nothing (no reply in the
/// interval, resources not sampled). The columns are fixed, so the header is the same for every run; errors by class
/// are left out here (their classes differ per run) and are in summary.csv.
/// </summary>
internal static class SeriesTable
{
    private static readonly (string Name, Func<IntervalSample, object?> Value)[] Columns =
    [
        ("at_seconds", s => s.AtSeconds),
        ("phase", s => s.Phase),
        ("target_connections", s => s.TargetConnections),
        ("open_connections", s => s.OpenConnections),
        ("connects_attempted", s => s.ConnectsAttempted),
        ("connects_established", s => s.ConnectsEstablished),
        ("connects_failed", s => s.ConnectsFailed),
        ("dropped", s => s.Dropped),
        ("sent", s => s.Sent),
        ("received", s => s.Received),
        ("bytes_sent", s => s.BytesSent),
        ("bytes_received", s => s.BytesReceived),
        ("errors", s => s.Errors),
        ("rtt_p50_ms", s => s.RttP50),
        ("rtt_p90_ms", s => s.RttP90),
        ("rtt_p99_ms", s => s.RttP99),
        ("rtt_p999_ms", s => s.RttP999),
        ("rtt_max_ms", s => s.RttMax),
        ("connect_p50_ms", s => s.ConnectP50),
        ("connect_p99_ms", s => s.ConnectP99),
        ("generator_cpu_percent", s => s.Generator?.CpuPercent),
        ("generator_rss_bytes", s => s.Generator?.RssBytes),
        ("generator_gc_heap_bytes", s => s.Generator?.GcHeapBytes),
        ("generator_gc_pause_ms", s => s.Generator?.GcPauseMs),
        ("generator_threads", s => s.Generator?.Threads),
        ("generator_thread_pool_threads", s => s.Generator?.ThreadPoolThreads),
        ("generator_thread_pool_queue", s => s.Generator?.ThreadPoolQueue),
        ("generator_thread_pool_delay_ms", s => s.Generator?.ThreadPoolDelayMs),
        ("generator_scheduling_lag_ms", s => s.Generator?.SchedulingLagMs),
        ("generator_open_files", s => s.Generator?.OpenFiles),
        ("generator_saturated", s => s.Generator?.Saturated),
        ("generator_saturation_reasons", s => s.Generator?.SaturationReasons is { } reasons ? string.Join("; ", reasons) : null),
        ("server_process_id", s => s.Server?.ProcessId),
        ("server_cpu_percent", s => s.Server?.CpuPercent),
        ("server_rss_bytes", s => s.Server?.RssBytes),
        ("server_threads", s => s.Server?.Threads),
        ("server_open_files", s => s.Server?.OpenFiles),
        ("machine_cpu_percent", s => s.Machine?.CpuPercent),
        ("machine_memory_used_bytes", s => s.Machine?.MemoryUsedBytes),
        ("machine_memory_total_bytes", s => s.Machine?.MemoryTotalBytes),
        ("machine_tcp_retransmits", s => s.Machine?.TcpRetransmits),
        ("machine_tcp_timeouts", s => s.Machine?.TcpTimeouts),
        ("machine_packet_drops", s => s.Machine?.PacketDrops),
    ];

    public static IReadOnlyList<string> Header { get; } = [.. Columns.Select(c => c.Name)];

    public static IEnumerable<object?[]> Rows(RunResult result) =>
        result.Series.Select(sample => Columns.Select(c => c.Value(sample)).ToArray());
}
