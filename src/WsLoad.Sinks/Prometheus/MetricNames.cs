namespace WsLoad.Sinks.Prometheus;

/// <summary>
/// The names, labels and buckets of WsLoad's Prometheus metrics: one list for the scrape endpoint and the remote
/// write, so a query (and the Grafana dashboard in examples/grafana/) reads both alike. Prometheus conventions: base
/// units (seconds, bytes), <c>_total</c> on counters, counters and histograms rather than per-runner gauges of
/// percentiles, so that series from several workers or agents add up with <c>sum</c> and
/// <c>histogram_quantile</c>.
/// </summary>
public static class MetricNames
{
    public const string MessagesSent = "wsload_messages_sent_total";
    public const string MessagesReceived = "wsload_messages_received_total";
    public const string BytesSent = "wsload_bytes_sent_total";
    public const string BytesReceived = "wsload_bytes_received_total";
    public const string ConnectionsOpen = "wsload_connections_open";
    public const string ConnectionsTarget = "wsload_connections_target";
    public const string Connects = "wsload_connects_total";
    public const string ConnectionsDropped = "wsload_connections_dropped_total";
    public const string Errors = "wsload_errors_total";
    public const string Rtt = "wsload_rtt_seconds";
    public const string ResponseTime = "wsload_response_time_seconds";
    public const string ConnectTime = "wsload_connect_seconds";
    public const string WorkerConnectionsOpen = "wsload_worker_connections_open";
    public const string WorkerMessagesSent = "wsload_worker_messages_sent_total";
    public const string WorkerMessagesReceived = "wsload_worker_messages_received_total";
    public const string GeneratorCpu = "wsload_generator_cpu_ratio";
    public const string GeneratorSaturated = "wsload_generator_saturated";
    public const string ServerCpu = "wsload_server_cpu_ratio";
    public const string ServerMemory = "wsload_server_memory_bytes";

    /// <summary>The message type (<c>type</c>): a scenario's own names, at most <see cref="MaxMessageTypes"/> of them.</summary>
    public const string TypeLabel = "type";

    /// <summary>The plan's phase (<c>ramp-up</c>, <c>hold</c>, <c>ramp-down</c>, …): a handful of values.</summary>
    public const string PhaseLabel = "phase";

    /// <summary>The process that measured (<c>local</c>, or a worker's or agent's name): one per process of the run.</summary>
    public const string WorkerLabel = "worker";

    /// <summary>The failure class of WsLoad's taxonomy (<c>connect-refused</c>, …): a fixed list.</summary>
    public const string ClassLabel = "class";

    /// <summary><c>established</c> or <c>failed</c>.</summary>
    public const string ResultLabel = "result";

    /// <summary>The scenario's name: one per run, a handful in a suite.</summary>
    public const string ScenarioLabel = "scenario";

    /// <summary>Message types past this many share the type <see cref="OtherType"/>, so a scenario cannot blow up cardinality.</summary>
    public const int MaxMessageTypes = 20;

    public const string OtherType = "other";

    /// <summary>
    /// The type of messages received (or sent) that no message type of the scenario claims: a push server's, a
    /// broadcast's, duplicates, corrupted echoes. With it, <c>sum(wsload_messages_received_total)</c> is the run's count.
    /// </summary>
    public const string UntypedType = "untyped";

    /// <summary>
    /// Latency buckets in seconds for WebSocket round trips, from a loopback echo (about 100 µs) to a server in
    /// trouble (tens of seconds): roughly 1-2.5-5 per decade, 19 buckets.
    /// </summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100];
}
