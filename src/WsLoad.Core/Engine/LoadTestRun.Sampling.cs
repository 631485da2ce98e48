using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Sinks;

namespace WsLoad.Engine;

/// <summary>
/// The once-a-second sampler: cuts what the run measured since the last interval into an <see cref="IntervalSnapshot"/>,
/// folds it into the result and hands it to the live sinks (each has a queue of its own: this never waits for them). The snapshot is all the run says of that second.
/// </summary>
internal sealed partial class LoadTestRun
{
    private readonly object _sampleLock = new();
    private readonly RunResultBuilder _builder;
    private readonly CompositeRunSink _sinks;
    private readonly List<IntervalSnapshot> _emitted = [];
    private SnapshotCounters _previous;
    private double _previousEndSeconds;
    private Dictionary<string, long> _previousErrors = new(StringComparer.Ordinal);
    private Dictionary<string, long> _previousStatuses = new(StringComparer.Ordinal);
    private Dictionary<string, long> _previousCloseCodes = new(StringComparer.Ordinal);
    private (long Sent, long Received, long Bytes)[] _previousTypes = [];

    /// <summary>Every snapshot the run emitted, in order, when <see cref="LoadTestOptions.KeepSnapshots"/> is set (tests fold them again).</summary>
    internal IReadOnlyList<IntervalSnapshot> EmittedSnapshots => _emitted;

    /// <summary>
    /// Cuts an interval at every whole second of the run, on the run's clock rather than a free-running timer: ramps and
    /// holds are whole seconds, so an interval rarely straddles a phase boundary by more than the timer's lateness.
    /// </summary>
    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var second = 1; ; second++)
            {
                await WaitUntilAsync(TimeSpan.FromSeconds(second), cancellationToken);
                _ = TakeSnapshot();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private IntervalSnapshot TakeSnapshot()
    {
        lock (_sampleLock)
        {
            var elapsed = _time.GetElapsedTime(_start);
            var now = _counters.Snapshot();
            var open = _counters.Open;
            var counters = now - _previous;
            _previous = now;
            var histograms = new Dictionary<string, HistogramCounts>(StringComparer.Ordinal)
            {
                [HistogramNames.Rtt] = HistogramCounts.From(_traffic.ServiceTime.TakeInterval()),
                [HistogramNames.Response] = HistogramCounts.From(_traffic.ResponseTime.TakeInterval()),
            };
            if (_traffic.Fanout is not null)
            {
                histograms[HistogramNames.Fanout] = HistogramCounts.From(_traffic.FanoutLatency.TakeInterval());
            }

            if (_traffic.Push is { } push)
            {
                histograms[HistogramNames.PushInterval] = HistogramCounts.From(push.InterArrival.TakeInterval());
                histograms[HistogramNames.PushLatency] = HistogramCounts.From(push.OneWay.TakeInterval());
            }

            _connectPhases.TakeInterval(histograms);
            _connectionEnds.TakeInterval(histograms);

            var (generator, server, machine) = _resources.Sample();
            var snapshot = new IntervalSnapshot
            {
                Index = _builder.Intervals,
                StartSeconds = _previousEndSeconds,
                EndSeconds = elapsed.TotalSeconds,
                Phase = _plan.At((TimeSpan.FromSeconds(_previousEndSeconds) + elapsed) / 2), // its middle: a late cut does not relabel it
                TargetConnections = _plan.TargetAt(elapsed),
                OpenConnections = open,
                Counters = counters,
                Histograms = histograms,
                MessageTypes = TakeMessageTypes(),
                ErrorsByClass = Delta(_failures.CountsByClass(), ref _previousErrors),
                HandshakeStatuses = Delta(_handshakeStatuses.ToDictionary(), ref _previousStatuses),
                CloseCodes = Delta(_closeCodes.ToDictionary(), ref _previousCloseCodes),
                DropTimes = TakeDropTimes(),
                Events = RecordRecoveryInterval(),
                Failures = _failures.TakeInterval(),
                Fanout = _traffic.Fanout?.TakeInterval(),
                Processes = [new ProcessHealth { Process = _options.ProcessName, Generator = generator, Server = server, Machine = machine, OpenConnections = open, Counters = counters }],
            };
            _previousEndSeconds = elapsed.TotalSeconds;
            _builder.Add(snapshot);
            _sinks.OnInterval(snapshot);
            if (_options.KeepSnapshots)
            {
                _emitted.Add(snapshot);
            }

            return snapshot;
        }
    }

    private Dictionary<string, MessageTypeInterval> TakeMessageTypes()
    {
        var types = _traffic.Types;
        if (_previousTypes.Length != types.Count)
        {
            _previousTypes = new (long, long, long)[types.Count];
        }

        var taken = new Dictionary<string, MessageTypeInterval>(StringComparer.Ordinal);
        for (var i = 0; i < types.Count; i++)
        {
            var type = types[i];
            var (sent, received, bytes) = (type.Sent, type.Received, type.Bytes);
            var before = _previousTypes[i];
            _previousTypes[i] = (sent, received, bytes);
            var rtt = HistogramCounts.From(type.Rtt.TakeInterval());
            if (sent != before.Sent || received != before.Received || rtt.TotalCount > 0)
            {
                taken[type.Name] = new MessageTypeInterval { Sent = sent - before.Sent, Received = received - before.Received, Bytes = bytes - before.Bytes, Rtt = rtt };
            }
        }

        return taken;
    }

    /// <summary>The drops counted since the last interval, by time, the earliest <see cref="IntervalSnapshot.MaxDropTimes"/>.</summary>
    private List<double> TakeDropTimes()
    {
        var times = new List<double>();
        while (_dropTimestamps.TryDequeue(out var timestamp))
        {
            times.Add(_time.GetElapsedTime(_start, timestamp).TotalSeconds);
        }

        times.Sort();
        return times.Count > IntervalSnapshot.MaxDropTimes ? times.GetRange(0, IntervalSnapshot.MaxDropTimes) : times;
    }

    /// <summary>What each key counted since the last call, leaving out keys that counted nothing.</summary>
    private static Dictionary<string, long> Delta(Dictionary<string, long> now, ref Dictionary<string, long> previous)
    {
        var before = previous;
        previous = now;
        return now
            .Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Count, StringComparer.Ordinal);
    }
}
