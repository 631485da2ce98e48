namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// One second of a run as the dashboard draws it: the rates, percentiles and resources of one
/// <see cref="Metrics.IntervalSnapshot"/>, in the units the page shows (per second, ms, MB), small enough to replay a
/// whole run to a page opened late. Serialised in camelCase by <see cref="DashboardJson"/>; a null is a figure not
/// measured that second (no message timed, no server sampled).
/// </summary>
internal sealed record DashboardPoint
{
    /// <summary>Seconds from the run's start to the interval's end: the x of every chart.</summary>
    public double T { get; init; }

    /// <summary>How long the interval lasted (about a second): a rate times it is the interval's count.</summary>
    public double Seconds { get; init; }

    /// <summary><c>ramp-up</c>, <c>hold</c>, <c>ramp-down</c> or <c>closing</c>.</summary>
    public string Phase { get; init; } = "";

    /// <summary>Connections open against the target at the interval's end.</summary>
    public long Open { get; init; }

    /// <summary>Connections the plan wanted open then.</summary>
    public int Target { get; init; }

    /// <summary>Messages sent per second.</summary>
    public double Sent { get; init; }

    /// <summary>Messages received per second.</summary>
    public double Received { get; init; }

    /// <summary>Failures per second, all classes.</summary>
    public double Errors { get; init; }

    public long ConnectsEstablished { get; init; }

    public long ConnectsFailed { get; init; }

    public long Dropped { get; init; }

    public long MissedSends { get; init; }

    /// <summary>Service time (from the actual send), ms: p50, p90, p99, p99.9.</summary>
    public DashboardPercentiles? Rtt { get; init; }

    /// <summary>Response time (from the intended send, corrected for coordinated omission), ms.</summary>
    public DashboardPercentiles? Response { get; init; }

    /// <summary>The interval's failures by class (only classes that happened).</summary>
    public IReadOnlyDictionary<string, long> ErrorsByClass { get; init; } = new Dictionary<string, long>();

    /// <summary>Per message type: sent and received per second and the service time's p99.</summary>
    public IReadOnlyDictionary<string, DashboardMessageType> Types { get; init; } = new Dictionary<string, DashboardMessageType>();

    /// <summary>Each process that measured the interval (one, <c>local</c>, without workers).</summary>
    public IReadOnlyList<DashboardWorker> Workers { get; init; } = [];

    /// <summary>The busiest generator process's CPU, % of one core.</summary>
    public double? GeneratorCpu { get; init; }

    /// <summary>The generator processes' memory (RSS), MB, summed.</summary>
    public double? GeneratorMemoryMb { get; init; }

    /// <summary>True when any generator process could not keep up this second (its latency figures are unreliable).</summary>
    public bool Saturated { get; init; }

    /// <summary>Why, each <c>kind: figures</c> (e.g. <c>machine-cpu: 98% of all cores</c>); empty when it kept up.</summary>
    public IReadOnlyList<string> SaturatedBy { get; init; } = [];

    /// <summary>The target server's CPU, % of one core, when it runs here and is sampled.</summary>
    public double? ServerCpu { get; init; }

    public double? ServerMemoryMb { get; init; }

    /// <summary>The whole machine's busy CPU, % of all cores.</summary>
    public double? MachineCpu { get; init; }

    /// <summary>Faults, recoveries and checkpoint firings of the interval, for the timeline.</summary>
    public IReadOnlyList<DashboardEvent> Events { get; init; } = [];
}

/// <summary>One latency histogram's percentiles, ms.</summary>
internal sealed record DashboardPercentiles(double P50, double P90, double P99, double P999);

/// <summary>One message type's figures in one second.</summary>
internal sealed record DashboardMessageType(double Sent, double Received, double? RttP50, double? RttP99);

/// <summary>One worker process's figures in one second.</summary>
internal sealed record DashboardWorker(string Name, long Open, double Sent, double Received, long Errors, double? Cpu, double? MemoryMb, bool Saturated);

/// <summary>Something that happened in the run, placed on the timeline: when, its kind, and what it was in words.</summary>
internal sealed record DashboardEvent(double At, string Source, string Kind, string Text);
