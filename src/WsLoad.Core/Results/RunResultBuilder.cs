using WsLoad.Metrics;
using WsLoad.Planning;

namespace WsLoad.Results;

/// <summary>
/// Folds a run's <see cref="IntervalSnapshot"/>s and each process's <see cref="ProcessFinalRecord"/> into its
/// <see cref="RunResult"/>: the one way a result is made, whether the seconds were measured in this process, merged from
/// workers, or read back. A pure fold: it reads nothing but what it is given, so the same snapshots always give the
/// same result. Memory stays bounded whatever the run's length: the histograms are added up as they come, and only
/// the small per-second series is kept.
/// Threading: one caller at a time.
/// </summary>
public sealed partial class RunResultBuilder
{
    private readonly List<IntervalSample> _series = [];
    private readonly List<double> _dropTimes = [];
    private readonly List<RunEvent> _events = [];
    private readonly Dictionary<string, HistogramCounts> _histograms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageTypeTotals> _messageTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _handshakeStatuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _closeCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<PlanPhase, PhaseTotals> _phases = [];
    private readonly TimeSpan _messageTimeout;
    private readonly bool _senderReceives;
    private readonly Checkpoints.CheckpointJudge? _checkpoints;
    private SnapshotCounters _counters;
    private long _peakOpen;
    private int _nextIndex;

    /// <summary>A fold for a run of <paramref name="scenario"/>.</summary>
    public RunResultBuilder(Scenarios.Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _messageTimeout = scenario.Messages.Timeout;
        _senderReceives = scenario.Messages.Broadcast?.SenderReceives ?? true;
        foreach (var name in HistogramNames.All)
        {
            _histograms[name] = HistogramCounts.Empty;
        }

        // The checkpoints are judged again over the same seconds the live run judged, for their figures in the result.
        if (scenario.Checkpoints.Count > 0 && scenario.Checkpoints.All(c => Checkpoints.CheckpointCondition.TryParse(c.When, out _, out _)))
        {
            _checkpoints = new Checkpoints.CheckpointJudge(scenario.Checkpoints);
        }

        // Every type of the scenario is in the result, whether or not it was ever sent.
        foreach (var type in scenario.Messages.Types)
        {
            _messageTypes.TryAdd(type.Name, new MessageTypeTotals());
        }
    }

    /// <summary>How many intervals have been folded in.</summary>
    public int Intervals => _series.Count;

    /// <summary>Folds in the next interval (merged across processes, if there were several).</summary>
    /// <exception cref="ArgumentException">The snapshot is not the next interval.</exception>
    public void Add(IntervalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Index != _nextIndex)
        {
            throw new ArgumentException($"Expected interval {_nextIndex}, got {snapshot.Index}: snapshots fold in order, one per interval.", nameof(snapshot));
        }

        _nextIndex++;
        _counters += snapshot.Counters;
        _peakOpen = Math.Max(_peakOpen, snapshot.OpenConnections);
        // Sums of buckets, not full histograms: a few KB for the whole run instead of ~190 KB per histogram.
        foreach (var (name, counts) in snapshot.Histograms)
        {
            _histograms[name] = _histograms.GetValueOrDefault(name, HistogramCounts.Empty).Add(counts);
        }

        foreach (var (name, type) in snapshot.MessageTypes)
        {
            if (!_messageTypes.TryGetValue(name, out var totals))
            {
                _messageTypes[name] = totals = new MessageTypeTotals();
            }

            totals.Add(type);
        }

        AddCounts(_errors, snapshot.ErrorsByClass);
        AddCounts(_handshakeStatuses, snapshot.HandshakeStatuses);
        AddCounts(_closeCodes, snapshot.CloseCodes);
        _dropTimes.AddRange(snapshot.DropTimes);
        _events.AddRange(snapshot.Events);
        if (!_phases.TryGetValue(snapshot.Phase, out var phase))
        {
            _phases[snapshot.Phase] = phase = new PhaseTotals(snapshot.StartSeconds);
        }

        phase.Add(snapshot);
        _series.Add(ToSample(snapshot));
        AddFanout(snapshot);
        _ = _checkpoints?.Judge(snapshot);
    }

    /// <summary>An event that came after the last interval (a checkpoint acting on the run's last seconds).</summary>
    public void AddEvent(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        _events.Add(runEvent);
    }

    private static IntervalSample ToSample(IntervalSnapshot snapshot)
    {
        var counters = snapshot.Counters;
        var rtt = snapshot.Histogram(HistogramNames.Rtt);
        var connect = snapshot.Histogram(HistogramNames.Connect);
        var health = Health(snapshot.Processes);
        return new IntervalSample
        {
            Generator = health.Generator,
            Server = health.Server,
            Machine = health.Machine,
            AtSeconds = Math.Round(snapshot.EndSeconds, 3),
            Phase = snapshot.Phase.Name(),
            TargetConnections = snapshot.TargetConnections,
            OpenConnections = snapshot.OpenConnections,
            ConnectsAttempted = counters.ConnectsAttempted,
            ConnectsEstablished = counters.ConnectsEstablished,
            ConnectsFailed = counters.ConnectsFailed,
            Dropped = counters.Dropped,
            Sent = counters.Sent,
            Received = counters.Received,
            BytesSent = counters.BytesSent,
            BytesReceived = counters.BytesReceived,
            Errors = counters.Errors,
            RttP50 = Ms(rtt.ValueAtPercentile(50)),
            RttP90 = Ms(rtt.ValueAtPercentile(90)),
            RttP99 = Ms(rtt.ValueAtPercentile(99)),
            RttP999 = Ms(rtt.ValueAtPercentile(99.9)),
            RttMax = Ms(rtt.MaxValue),
            ConnectP50 = Ms(connect.ValueAtPercentile(50)),
            ConnectP99 = Ms(connect.ValueAtPercentile(99)),
            FanoutP99 = snapshot.Histograms.TryGetValue(HistogramNames.Fanout, out var fanout) ? Ms(fanout.ValueAtPercentile(99)) : null,
            ErrorsByClass = snapshot.ErrorsByClass.Count == 0 ? null : snapshot.ErrorsByClass.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// The series shows one generator a second: the only one, or of several the busiest (the one whose health bounds the
    /// measurement). The server and machine are each sampled by one process.
    /// </summary>
    private static ProcessHealth Health(IReadOnlyList<ProcessHealth> processes) => processes.Count switch
    {
        0 => new ProcessHealth(),
        1 => processes[0],
        _ => new ProcessHealth
        {
            Generator = processes.Where(p => p.Generator is not null).MaxBy(p => (p.Generator!.Saturated, p.Generator.CpuPercent))?.Generator,
            Server = processes.Select(p => p.Server).FirstOrDefault(s => s is not null),
            Machine = processes.Select(p => p.Machine).FirstOrDefault(m => m is not null),
        },
    };

    private static double? Ms(long? micros) => micros / 1000.0;

    /// <summary>The percentiles of a whole run's or phase's buckets, read from a histogram rebuilt for the purpose.</summary>
    private static LatencySummary? Summarize(HistogramCounts counts) => counts.TotalCount == 0 ? null : LatencyStatistics.Summarize(counts.ToHistogram());

    private static void AddCounts(Dictionary<string, long> totals, IReadOnlyDictionary<string, long> counts)
    {
        foreach (var (key, count) in counts)
        {
            totals[key] = totals.GetValueOrDefault(key) + count;
        }
    }

    private sealed class MessageTypeTotals
    {
        public long Sent { get; private set; }

        public long Received { get; private set; }

        public long Bytes { get; private set; }

        public HistogramCounts Rtt { get; private set; } = HistogramCounts.Empty;

        public void Add(MessageTypeInterval interval)
        {
            Sent += interval.Sent;
            Received += interval.Received;
            Bytes += interval.Bytes;
            Rtt = Rtt.Add(interval.Rtt);
        }
    }

    /// <summary>One phase's running fold.</summary>
    private sealed class PhaseTotals(double fromSeconds)
    {
        public double FromSeconds { get; } = fromSeconds;

        public double ToSeconds { get; private set; } = fromSeconds;

        public int Intervals { get; private set; }

        public SnapshotCounters Counters { get; private set; }

        public HistogramCounts Rtt { get; private set; } = HistogramCounts.Empty;

        public HistogramCounts Response { get; private set; } = HistogramCounts.Empty;

        public HistogramCounts Connect { get; private set; } = HistogramCounts.Empty;

        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

        public void Add(IntervalSnapshot snapshot)
        {
            ToSeconds = snapshot.EndSeconds;
            Intervals++;
            Counters += snapshot.Counters;
            Rtt = Rtt.Add(snapshot.Histogram(HistogramNames.Rtt));
            Response = Response.Add(snapshot.Histogram(HistogramNames.Response));
            Connect = Connect.Add(snapshot.Histogram(HistogramNames.Connect));
            AddCounts(Errors, snapshot.ErrorsByClass);
        }

        public PhaseSummary Summarize()
        {
            var seconds = Math.Max(0.001, ToSeconds - FromSeconds);
            return new PhaseSummary
            {
                FromSeconds = Math.Round(FromSeconds, 3),
                ToSeconds = Math.Round(ToSeconds, 3),
                Intervals = Intervals,
                Counters = Counters,
                SentPerSec = Math.Round(Counters.Sent / seconds, 1),
                ReceivedPerSec = Math.Round(Counters.Received / seconds, 1),
                Rtt = RunResultBuilder.Summarize(Rtt),
                Response = RunResultBuilder.Summarize(Response),
                Connect = RunResultBuilder.Summarize(Connect),
                ErrorsByClass = Errors.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
            };
        }
    }
}
