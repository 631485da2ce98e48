namespace WsLoad.Results;

/// <summary>The load generator's own resources over one interval, and whether it was saturated.</summary>
public sealed record GeneratorSample
{
    /// <summary>CPU used in the interval, % of one core (200 = two cores fully busy).</summary>
    public double CpuPercent { get; init; }

    public long RssBytes { get; init; }

    public long GcHeapBytes { get; init; }

    /// <summary>Time the runtime paused for garbage collection in the interval.</summary>
    public double GcPauseMs { get; init; }

    public int Threads { get; init; }

    public int ThreadPoolThreads { get; init; }

    /// <summary>Work items waiting for a thread-pool thread when the sample was taken.</summary>
    public long ThreadPoolQueue { get; init; }

    /// <summary>The longest a work item waited for a thread-pool thread in the interval, in ms (probed every 20 ms).</summary>
    public double ThreadPoolDelayMs { get; init; }

    /// <summary>The latest a send loop woke after its planned time in the interval.</summary>
    public double SchedulingLagMs { get; init; }

    /// <summary>Open file descriptors (sockets included); -1 when not readable.</summary>
    public int OpenFiles { get; init; }

    /// <summary>True when the generator could not keep up in this interval: its latency figures are unreliable.</summary>
    public bool Saturated { get; init; }

    /// <summary>Why it counts as saturated, each <c>kind: figures</c>, e.g. <c>generator-cpu: 196% of 200%</c>.</summary>
    public IReadOnlyList<string>? SaturationReasons { get; init; }
}

/// <summary>
/// The target server's resources over one interval: sampled from its process when it runs on this machine (summed with
/// the processes under it), or read from a Prometheus that watches it (<see cref="Source"/> <c>prometheus</c>).
/// </summary>
public sealed record ProcessSample
{
    /// <summary>The process given (e.g. --server-pid); its figures include every process under it. 0 when read from Prometheus.</summary>
    public int ProcessId { get; init; }

    /// <summary>Where the figures come from: null for the process on this machine, <c>prometheus</c> for <c>serverMetrics</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    /// <summary>The server machine's cores, when known from <c>serverMetrics.cores</c>; null: this machine's (a local server).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Cores { get; init; }

    /// <summary><c>serverMetrics.custom</c>'s series by name: their values this interval (a query with no answer is left out).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Custom { get; init; }

    /// <summary>How many processes the figures add up: the given one and those under it (a server's workers); 1 when it has none.</summary>
    public int Processes { get; init; } = 1;

    /// <summary>CPU used in the interval, % of one core; null when read from Prometheus without <c>serverMetrics.cpu</c> (or no answer that second).</summary>
    public double? CpuPercent { get; init; }

    /// <summary>Resident memory; null when read from Prometheus without <c>serverMetrics.memory</c> (or no answer that second).</summary>
    public long? RssBytes { get; init; }

    /// <summary>Threads; null when not known (see <see cref="RssBytes"/>).</summary>
    public int? Threads { get; init; }

    /// <summary>Open files, sockets included; null when not known (see <see cref="RssBytes"/>).</summary>
    public int? OpenFiles { get; init; }

    /// <summary>
    /// Time the process paused for garbage collection in the interval, ms; null when unknown (only a WsLoad server
    /// tells it, through /stats, read up to 250 ms before the sample).
    /// </summary>
    public double? GcPauseMs { get; init; }
}

/// <summary>The whole machine over one interval.</summary>
public sealed record MachineSample
{
    /// <summary>Busy CPU, % of all cores (100 = every core busy).</summary>
    public double CpuPercent { get; init; }

    public long MemoryUsedBytes { get; init; }

    public long MemoryTotalBytes { get; init; }

    /// <summary>TCP segments the machine retransmitted in the interval (all connections, not only this run's).</summary>
    public long? TcpRetransmits { get; init; }

    /// <summary>TCP retransmission timeouts in the interval: each stalled a connection for at least 200 ms (the minimum RTO).</summary>
    public long? TcpTimeouts { get; init; }

    /// <summary>Packets the kernel dropped from its input backlog in the interval (netdev_max_backlog overflow, loopback included).</summary>
    public long? PacketDrops { get; init; }
}

/// <summary>Whether the generator itself was a bottleneck while the plan ran (the closing after it is left out), and when.</summary>
public sealed record GeneratorHealth
{
    /// <summary>True when any interval was saturated; the run's latency figures are then partly unreliable.</summary>
    public bool Saturated { get; init; }

    public int SaturatedIntervals { get; init; }

    /// <summary>Contiguous stretches of saturated intervals, with the reasons seen in them.</summary>
    public IReadOnlyList<SaturationPeriod> Periods { get; init; } = [];

    public double MaxCpuPercent { get; init; }

    public double MaxSchedulingLagMs { get; init; }

    public long MaxThreadPoolQueue { get; init; }

    public double MaxThreadPoolDelayMs { get; init; }
}

/// <summary>A stretch of saturated intervals and the kinds of saturation seen (generator-cpu, machine-cpu, scheduling-lag, thread-pool-queue).</summary>
public sealed record SaturationPeriod
{
    public double FromSeconds { get; init; }

    public double ToSeconds { get; init; }

    public IReadOnlyList<string> Reasons { get; init; } = [];
}
