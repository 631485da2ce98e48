using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Metrics;

/// <summary>
/// One interval (about a second) of one process's measurement, or of several processes merged
/// (<see cref="IntervalSnapshotMerge"/>): the unit that workers, agents, live sinks and the run's result all consume.
/// Every count is the interval's own (a delta), and every latency is an exact histogram, so snapshots add up to a whole
/// run, a phase or a cluster with nothing estimated. <see cref="RunResultBuilder"/> folds them into the run's result.
/// Immutable; serialised by <see cref="IntervalSnapshotJson"/>.
/// </summary>
public sealed record IntervalSnapshot
{
    /// <summary>The interval's number in its run, from 0. Snapshots of the same interval from several processes share it.</summary>
    public int Index { get; init; }

    /// <summary>Seconds from the run's start to the interval's start.</summary>
    public double StartSeconds { get; init; }

    /// <summary>Seconds from the run's start to the interval's end.</summary>
    public double EndSeconds { get; init; }

    /// <summary>The plan's phase at the interval's end.</summary>
    public PlanPhase Phase { get; init; }

    /// <summary>Connections the plan wanted open at the interval's end.</summary>
    public int TargetConnections { get; init; }

    /// <summary>Connections open at the interval's end.</summary>
    public long OpenConnections { get; init; }

    /// <summary>What the interval counted.</summary>
    public SnapshotCounters Counters { get; init; }

    /// <summary>The interval's latency histograms (µs), keyed by <see cref="HistogramNames"/>; an empty one may be left out.</summary>
    public IReadOnlyDictionary<string, HistogramCounts> Histograms { get; init; } = new Dictionary<string, HistogramCounts>(StringComparer.Ordinal);

    /// <summary>Per message type: the interval's sends, answers, bytes and round trips.</summary>
    public IReadOnlyDictionary<string, MessageTypeInterval> MessageTypes { get; init; } = new Dictionary<string, MessageTypeInterval>(StringComparer.Ordinal);

    /// <summary>Failures of the interval by class.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByClass { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>HTTP statuses of the interval's upgrade responses (101 for each success).</summary>
    public IReadOnlyDictionary<string, long> HandshakeStatuses { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Close codes of the connections that closed in the interval.</summary>
    public IReadOnlyDictionary<string, long> CloseCodes { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>
    /// When the interval's drops happened (seconds from the run's start, ascending; injected drops too), the earliest
    /// <see cref="MaxDropTimes"/> of them: where each burst of drops began. A drop counted at an interval's edge may
    /// carry a time in the interval before.
    /// </summary>
    public IReadOnlyList<double> DropTimes { get; init; } = [];

    /// <summary>Faults injected and recoveries observed in the interval, on the run's timeline.</summary>
    public IReadOnlyList<RunEvent> Events { get; init; } = [];

    /// <summary>
    /// The interval's first failures in detail (at most <see cref="MaxFailures"/>, by time), for live views; the run's
    /// detailed failures and their sample come with each process's final record.
    /// </summary>
    public IReadOnlyList<FailureEvent> Failures { get; init; } = [];

    /// <summary>A broadcast run's raw fan-out record of the interval (publishes, subscriptions, deliveries); null otherwise.</summary>
    public Fanout.FanoutInterval? Fanout { get; init; }

    /// <summary>The resources and health of each process that measured the interval; never summed across processes.</summary>
    public IReadOnlyList<ProcessHealth> Processes { get; init; } = [];

    /// <summary>How many failures one interval carries in detail.</summary>
    public const int MaxFailures = 10;

    /// <summary>How many drop times one interval keeps.</summary>
    public const int MaxDropTimes = 256;

    /// <summary>The interval's histogram named <paramref name="name"/>, empty when it recorded nothing.</summary>
    public HistogramCounts Histogram(string name) => Histograms.GetValueOrDefault(name) ?? HistogramCounts.Empty;
}

/// <summary>The names of an <see cref="IntervalSnapshot"/>'s histograms, as run.json's <c>histograms</c> block names them.</summary>
public static class HistogramNames
{
    /// <summary>Round trip from the actual send (service time).</summary>
    public const string Rtt = "rtt";

    /// <summary>Round trip from the intended send (response time, corrected for coordinated omission).</summary>
    public const string Response = "response";

    /// <summary>The whole connect: TCP connect to the 101.</summary>
    public const string Connect = "connect";

    public const string TcpConnect = "tcpConnect";

    public const string Tls = "tls";

    public const string Upgrade = "upgrade";

    /// <summary>From the 101 to the first message received.</summary>
    public const string FirstMessage = "firstMessage";

    /// <summary>From this side's close frame to the connection's end (clean close handshakes this side began).</summary>
    public const string CloseHandshake = "closeHandshake";

    /// <summary>From a connection's 101 to its close or drop. In milliseconds, unlike the others (µs): soaks last days.</summary>
    public const string Lifetime = "lifetime";

    /// <summary>Broadcast: from a message's publish to its arrival at one subscriber.</summary>
    public const string Fanout = "fanout";

    /// <summary>Broadcast: from a message's publish to its arrival at the last subscriber due it (the run's, not an interval's).</summary>
    public const string FanoutComplete = "fanoutComplete";

    /// <summary>Push: time between two arrivals on one connection.</summary>
    public const string PushInterval = "pushInterval";

    /// <summary>Push: the server's timestamp in the message to this machine's wall clock at arrival (one way).</summary>
    public const string PushLatency = "pushLatency";

    /// <summary>Every histogram an interval has, in run.json's order.</summary>
    public static IReadOnlyList<string> All { get; } = [Rtt, Response, Connect, TcpConnect, Tls, Upgrade, FirstMessage, CloseHandshake, Lifetime];
}

/// <summary>One message type's figures in one interval.</summary>
public sealed record MessageTypeInterval
{
    public long Sent { get; init; }

    public long Received { get; init; }

    public long Bytes { get; init; }

    public HistogramCounts Rtt { get; init; } = HistogramCounts.Empty;
}

/// <summary>One process's resources and health in one interval, as it sampled them.</summary>
public sealed record ProcessHealth
{
    /// <summary>Which process: <c>local</c> for a run in one process, a worker's or agent's name otherwise.</summary>
    public string Process { get; init; } = LocalProcess;

    /// <summary>The generator's own resources and health.</summary>
    public GeneratorSample? Generator { get; init; }

    /// <summary>The target server's, when it runs on this machine and this process samples it.</summary>
    public ProcessSample? Server { get; init; }

    public MachineSample? Machine { get; init; }

    /// <summary>
    /// Connections this process had open at the interval's end: with workers, the snapshot's
    /// <see cref="IntervalSnapshot.OpenConnections"/> is their sum, and live views show each worker's share.
    /// </summary>
    public long OpenConnections { get; init; }

    /// <summary>What this process counted in the interval (the snapshot's <see cref="IntervalSnapshot.Counters"/> with one process).</summary>
    public SnapshotCounters Counters { get; init; }

    /// <summary>The name of the one process of a run that has no workers.</summary>
    public const string LocalProcess = "local";
}
