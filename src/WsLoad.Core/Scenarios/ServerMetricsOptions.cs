namespace WsLoad.Scenarios;

/// <summary>
/// <c>serverMetrics</c>: the target server's resources read from a Prometheus that already watches it, for a server
/// that runs on another machine (where <c>--server-pid</c> cannot reach). Each field is a PromQL expression, asked as
/// an instant query every <see cref="Interval"/>; its value fills the run's server series, so the server-CPU readiness
/// check and the root-cause rules judge a remote server as they judge a local one.
/// </summary>
public sealed record ServerMetricsOptions
{
    /// <summary>The Prometheus HTTP API's base URL (e.g. <c>http://prometheus:9090</c>); a password in it is masked in run.json.</summary>
    public required Uri Prometheus { get; init; }

    /// <summary>The server's CPU in cores busy, e.g. <c>sum(rate(process_cpu_seconds_total{job="chat"}[30s]))</c>; run.json shows it as % of one core.</summary>
    public string? Cpu { get; init; }

    /// <summary>The server's memory in bytes, e.g. <c>sum(process_resident_memory_bytes{job="chat"})</c>.</summary>
    public string? Memory { get; init; }

    /// <summary>The server's open files (sockets included), e.g. <c>sum(process_open_fds{job="chat"})</c>.</summary>
    public string? OpenFiles { get; init; }

    /// <summary>The server's threads, e.g. <c>sum(process_threads{job="chat"})</c>.</summary>
    public string? Threads { get; init; }

    /// <summary>
    /// The server machine's cores: a number (<c>8</c>) or a PromQL expression
    /// (<c>count(node_cpu_seconds_total{mode="idle",instance="chat-1:9100"})</c>). Without it the server's CPU cannot be
    /// told as a share of its machine, and the server-CPU check says so rather than judge against this machine's cores.
    /// </summary>
    public string? Cores { get; init; }

    /// <summary>Any other series, by name (e.g. <c>queueDepth: sum(chat_queue_length)</c>), recorded each second with the server's figures.</summary>
    public IReadOnlyDictionary<string, string> Custom { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How often the queries are asked (default 1 s). Prometheus's values are only as fresh as its own scrapes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
}
