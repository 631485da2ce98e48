using WsLoad.Metrics;
using WsLoad.Planning;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// The current value of every <c>wsload_*</c> series (<see cref="MetricNames"/>), folded from the interval snapshots
/// of every run of the command: counters add up from the first run's start and never reset (a suite's runs keep adding),
/// gauges hold the latest interval's value. <see cref="ToWriteRequest"/> turns them into one sample per series.
/// Thread-safe: one run's sink adds while none other does, but a sink the run stopped waiting for may still be busy.
/// </summary>
internal sealed class CumulativeMetrics
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, (string Name, SeriesLabel[] Labels, double Value)> _values = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string Name, SeriesLabel[] Labels, CumulativeHistogram Histogram)> _histograms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namedTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Sent, long Received)> _untypedOwed = new(StringComparer.Ordinal);
    private long _lastTimestampMs;

    /// <summary>How many series <see cref="ToWriteRequest"/> writes now.</summary>
    public int SeriesCount
    {
        get
        {
            lock (_lock)
            {
                return _values.Count + _histograms.Sum(h => h.Value.Histogram.BoundsSeconds.Count + 3);
            }
        }
    }

    /// <summary>Adds one interval of the run of <paramref name="scenario"/>.</summary>
    public void Add(IntervalSnapshot snapshot, string scenario)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(scenario);
        lock (_lock)
        {
            var counters = snapshot.Counters;
            AddMessages(snapshot, scenario);
            Set(MetricNames.ConnectionsOpen, snapshot.OpenConnections, scenario);
            Set(MetricNames.ConnectionsTarget, snapshot.TargetConnections, scenario);
            Add(MetricNames.Connects, counters.ConnectsEstablished, scenario, (MetricNames.ResultLabel, "established"));
            Add(MetricNames.Connects, counters.ConnectsFailed, scenario, (MetricNames.ResultLabel, "failed"));
            Add(MetricNames.ConnectionsDropped, counters.Dropped, scenario);
            Add(MetricNames.BytesSent, counters.BytesSent, scenario);
            Add(MetricNames.BytesReceived, counters.BytesReceived, scenario);
            foreach (var (errorClass, count) in snapshot.ErrorsByClass)
            {
                Add(MetricNames.Errors, count, scenario, (MetricNames.ClassLabel, errorClass));
            }

            Observe(MetricNames.ResponseTime, snapshot.Histogram(HistogramNames.Response), scenario);
            Observe(MetricNames.ConnectTime, snapshot.Histogram(HistogramNames.Connect), scenario);
            foreach (var process in snapshot.Processes)
            {
                AddProcess(process, scenario);
            }
        }
    }

    /// <summary>
    /// One sample of every series at <paramref name="timestampMs"/> (Unix ms), labels sorted by name. A timestamp not
    /// after the previous request's is moved just past it: Prometheus refuses a series' samples out of order.
    /// </summary>
    public WriteRequest ToWriteRequest(long timestampMs)
    {
        lock (_lock)
        {
            var timestamp = _lastTimestampMs = Math.Max(timestampMs, _lastTimestampMs + 1);
            var series = new List<TimeSeries>(_values.Count + (_histograms.Count * 22));
            foreach (var (name, labels, value) in _values.Values)
            {
                series.Add(Series(name, labels, value, timestamp));
            }

            foreach (var (name, labels, histogram) in _histograms.Values)
            {
                foreach (var (le, cumulative) in histogram.Buckets())
                {
                    series.Add(Series(name + "_bucket", [.. labels, new SeriesLabel("le", le)], cumulative, timestamp));
                }

                series.Add(Series(name + "_sum", labels, histogram.SumSeconds, timestamp));
                series.Add(Series(name + "_count", labels, histogram.Count, timestamp));
            }

            return new WriteRequest(series);
        }
    }

    private void AddMessages(IntervalSnapshot snapshot, string scenario)
    {
        var phase = (MetricNames.PhaseLabel, snapshot.Phase.Name());
        long typedSent = 0, typedReceived = 0;
        foreach (var (name, type) in snapshot.MessageTypes.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var typeLabel = (MetricNames.TypeLabel, TypeLabel(name));
            Add(MetricNames.MessagesSent, type.Sent, scenario, typeLabel, phase);
            Add(MetricNames.MessagesReceived, type.Received, scenario, typeLabel, phase);
            Observe(MetricNames.Rtt, type.Rtt, scenario, typeLabel);
            typedSent += type.Sent;
            typedReceived += type.Received;
        }

        // Messages no type claims (a push server's, a broadcast's, duplicates, corrupted echoes) still count, so that
        // the sum over types is the run's count. Owed across intervals: a message counted in the run's total before its
        // type's (the two are read a moment apart) is not counted twice, and a counter never goes down.
        var owed = _untypedOwed.GetValueOrDefault(scenario);
        owed = (owed.Sent + snapshot.Counters.Sent - typedSent, owed.Received + snapshot.Counters.Received - typedReceived);
        var untyped = (MetricNames.TypeLabel, MetricNames.UntypedType);
        if (owed.Sent > 0)
        {
            Add(MetricNames.MessagesSent, owed.Sent, scenario, untyped, phase);
            owed.Sent = 0;
        }

        if (owed.Received > 0)
        {
            Add(MetricNames.MessagesReceived, owed.Received, scenario, untyped, phase);
            owed.Received = 0;
        }

        _untypedOwed[scenario] = owed;
    }

    private void AddProcess(ProcessHealth process, string scenario)
    {
        var worker = (MetricNames.WorkerLabel, process.Process);
        Set(MetricNames.WorkerConnectionsOpen, process.OpenConnections, scenario, worker);
        Add(MetricNames.WorkerMessagesSent, process.Counters.Sent, scenario, worker);
        Add(MetricNames.WorkerMessagesReceived, process.Counters.Received, scenario, worker);
        if (process.Generator is { } generator)
        {
            Set(MetricNames.GeneratorCpu, generator.CpuPercent / 100, scenario, worker);
            Set(MetricNames.GeneratorSaturated, generator.Saturated ? 1 : 0, scenario, worker);
        }

        // A figure the server's sample does not have (read from Prometheus without that query) is not written at all.
        if (process.Server?.CpuPercent is { } serverCpu)
        {
            Set(MetricNames.ServerCpu, serverCpu / 100, scenario, worker);
        }

        if (process.Server?.RssBytes is { } serverMemory)
        {
            Set(MetricNames.ServerMemory, serverMemory, scenario, worker);
        }
    }

    // The first MaxMessageTypes names seen keep their own; the rest share one, so a scenario cannot blow up cardinality.
    private string TypeLabel(string type)
    {
        if (_namedTypes.Contains(type) || (_namedTypes.Count < MetricNames.MaxMessageTypes && _namedTypes.Add(type)))
        {
            return type;
        }

        return MetricNames.OtherType;
    }

    private void Add(string name, double delta, string scenario, params (string Name, string Value)[] labels)
    {
        var (key, sorted) = Key(name, scenario, labels);
        var current = _values.TryGetValue(key, out var series) ? series.Value : 0;
        _values[key] = (name, sorted, current + delta);
    }

    private void Set(string name, double value, string scenario, params (string Name, string Value)[] labels)
    {
        var (key, sorted) = Key(name, scenario, labels);
        _values[key] = (name, sorted, value);
    }

    private void Observe(string name, HistogramCounts values, string scenario, params (string Name, string Value)[] labels)
    {
        var (key, sorted) = Key(name, scenario, labels);
        if (!_histograms.TryGetValue(key, out var series))
        {
            series = (name, sorted, new CumulativeHistogram(MetricNames.LatencyBuckets));
            _histograms[key] = series;
        }

        series.Histogram.Add(values);
    }

    private static (string Key, SeriesLabel[] Labels) Key(string name, string scenario, (string Name, string Value)[] labels)
    {
        SeriesLabel[] sorted = [.. labels.Select(l => new SeriesLabel(l.Name, l.Value)).Append(new SeriesLabel(MetricNames.ScenarioLabel, scenario)).OrderBy(l => l.Name, StringComparer.Ordinal)];
        return (name + "\0" + string.Join('\0', sorted.Select(l => l.Name + "\0" + l.Value)), sorted);
    }

    private static TimeSeries Series(string name, SeriesLabel[] labels, double value, long timestampMs) =>
        new([.. labels.Prepend(new SeriesLabel("__name__", name)).OrderBy(l => l.Name, StringComparer.Ordinal)], [new SeriesSample(value, timestampMs)]);
}
