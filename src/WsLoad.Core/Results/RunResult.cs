using WsLoad.Scenarios;

namespace WsLoad.Results;

/// <summary>
/// Everything a run measured: the one contract between measuring and everything after it (reports,
/// analysis, compare). Serialised as <c>run.json</c> by <c>RunResultJson</c>; immutable.
/// </summary>
public sealed record RunResult
{
    /// <summary>Version of the run.json layout; bumped on any incompatible change. See <c>schema/run.schema.json</c>.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public string Tool { get; init; } = "wsload";

    public string ToolVersion { get; init; } = "";

    public required Scenario Scenario { get; init; }

    public required RunEnvironment Environment { get; init; }

    /// <summary>Wall-clock start (UTC), a label only; durations come from the monotonic clock.</summary>
    public DateTimeOffset StartedAt { get; init; }

    public double DurationSeconds { get; init; }

    public RunStatus Status { get; init; }

    /// <summary>Why the run ended early, when it did.</summary>
    public string? StatusReason { get; init; }

    public required RunSummary Summary { get; init; }

    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];

    /// <summary>How the scenario's live checkpoints fared; null when it has none.</summary>
    public CheckpointsSummary? Checkpoints { get; init; }

    /// <summary>One entry per second of the run.</summary>
    public IReadOnlyList<IntervalSample> Series { get; init; } = [];

    /// <summary>
    /// The figures of each phase the run went through, keyed <c>ramp-up</c>, <c>hold</c>, <c>ramp-down</c> and
    /// <c>closing</c>; their counts add up to the summary's. Empty in files written before phases existed.
    /// </summary>
    public IReadOnlyDictionary<string, PhaseSummary> Phases { get; init; } = new Dictionary<string, PhaseSummary>();

    /// <summary>How each live sink (console, dashboard, Prometheus, …) fared; empty when the run had none.</summary>
    public IReadOnlyList<SinkHealth> Sinks { get; init; } = [];

    /// <summary>Whether the generator was itself a bottleneck, and when; null when resources were not sampled.</summary>
    public GeneratorHealth? GeneratorHealth { get; init; }

    /// <summary>Failures counted by class (every failure is counted here).</summary>
    public IReadOnlyDictionary<string, long> ErrorsByClass { get; init; } = new Dictionary<string, long>();

    /// <summary>HTTP status codes of upgrade responses (101 for each success), keyed by code.</summary>
    public IReadOnlyDictionary<string, long> HandshakeStatuses { get; init; } = new Dictionary<string, long>();

    /// <summary>WebSocket close codes of every connection that closed (ours and the server's), keyed by code.</summary>
    public IReadOnlyDictionary<string, long> CloseCodes { get; init; } = new Dictionary<string, long>();

    /// <summary>The first failures in detail (bounded; see <see cref="FailureEventsDropped"/>).</summary>
    public IReadOnlyList<FailureEvent> FailureEvents { get; init; } = [];

    /// <summary>
    /// A uniform random sample (reservoir) of the failures after <see cref="FailureEvents"/>, in the order they happened:
    /// each was equally likely to be kept.
    /// </summary>
    public IReadOnlyList<FailureEvent> FailureSamples { get; init; } = [];

    /// <summary>Faults injected and recoveries observed, on the run's timeline (see <see cref="RunEvent"/>).</summary>
    public IReadOnlyList<RunEvent> Events { get; init; } = [];

    /// <summary>Failures counted but not kept in <see cref="FailureEvents"/>.</summary>
    public long FailureEventsDropped { get; init; }

    /// <summary>Per message type figures, keyed by type name.</summary>
    public IReadOnlyDictionary<string, MessageTypeSummary> MessageTypes { get; init; } = new Dictionary<string, MessageTypeSummary>();

    /// <summary>Whole-run HDR histograms, compressed and base64-encoded, so shards and runs merge exactly.</summary>
    public IReadOnlyDictionary<string, string> Histograms { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// What the analysis made of this run (verdict, root causes, patterns, anomalies, capacity), computed from the rest
    /// of this document when the run ended; <c>wsload analyze</c> recomputes it from run.json. Null in files written
    /// before analysis existed.
    /// </summary>
    public Analysis.RunAnalysis? Analysis { get; init; }

    /// <summary>Each worker process of a run in several (<c>run --workers N</c>), in order; null for a run in one process.</summary>
    public IReadOnlyList<WorkerSummary>? Workers { get; init; }
}

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    Completed,
    Interrupted,
    Aborted,
    ThresholdsFailed,
}

/// <summary>The machine, OS and runtime the generator ran on.</summary>
public sealed record RunEnvironment
{
    public string MachineName { get; init; } = "";

    public string Os { get; init; } = "";

    public string Runtime { get; init; } = "";

    public int ProcessorCount { get; init; }

    public long TotalMemoryBytes { get; init; }

    /// <summary>The process's open-file limit, where known (Linux: RLIMIT_NOFILE soft limit).</summary>
    public long? OpenFileLimit { get; init; }

    /// <summary>The ephemeral port range, where known (Linux).</summary>
    public string? EphemeralPortRange { get; init; }

    public string CommandLine { get; init; } = "";

    /// <summary>The generator's warm-up before the run's clock started; null when it had none (already warm, or turned off).</summary>
    public RunWarmUp? WarmUp { get; init; }
}

/// <summary>
/// The private run that warmed the generator's code paths against a loopback echo peer before the first measured connect,
/// so the first second does not time the generator's own JIT compilation as the server's connect time.
/// </summary>
public sealed record RunWarmUp
{
    /// <summary>Connections the warm-up opened (against its own peer, never the target).</summary>
    public long Connections { get; init; }

    /// <summary>Messages it had echoed back.</summary>
    public long Messages { get; init; }

    /// <summary>How long it took, before the run's clock started.</summary>
    public double Seconds { get; init; }

    /// <summary>Whether its peer spoke TLS (with a throwaway certificate): it does when the target is <c>wss://</c>.</summary>
    public bool Tls { get; init; }
}

public sealed record ThresholdResult
{
    public required string Expression { get; init; }

    /// <summary>
    /// The phase judged: the one the expression names, else <c>hold</c> for round-trip latency and throughput when the
    /// hold has data for them, else <c>all</c> (the whole run); null when the expression did not parse.
    /// </summary>
    public string? Phase { get; init; }

    /// <summary>The measured value in the threshold's unit; null when the metric had no data.</summary>
    public double? Value { get; init; }

    public bool Passed { get; init; }

    /// <summary>Why it failed to evaluate, when it did.</summary>
    public string? Error { get; init; }
}

/// <summary>A failure kept in detail.</summary>
public sealed record FailureEvent
{
    /// <summary>Seconds since the start of the run.</summary>
    public double AtSeconds { get; init; }

    public required string Class { get; init; }

    public int ConnectionId { get; init; }

    public string Message { get; init; } = "";
}

public sealed record MessageTypeSummary
{
    public long Sent { get; init; }

    public long Received { get; init; }

    public long Bytes { get; init; }

    public LatencySummary? Rtt { get; init; }
}
