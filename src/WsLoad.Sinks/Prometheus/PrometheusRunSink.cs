using System.Text.Json;
using Prometheus;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Sinks.Prometheus;

/// <summary>
/// One run's sink for the scrape endpoint: turns each interval snapshot into counter increments (the snapshot's
/// deltas), gauge settings and histogram observations on the endpoint's <see cref="WsLoadCollectors"/>, labelled with
/// the run's scenario and the interval's phase. When the run ends its gauges are removed, so that a finished run's
/// open connections or CPU do not linger in a suite's next run; its counters and histograms stay, as counters do.
/// A counter or histogram series is first published at 0 and its first count one interval later: <c>rate()</c> and
/// <c>increase()</c> start from a series' first sample, so a series born at its count (the hold's first second, a
/// failure class's first burst) would never show that count. The run's end publishes whatever is still deferred.
/// Threading: the handlers run on the sink's own task (<see cref="RunSinkBase"/>); scrapes read concurrently.
/// </summary>
internal sealed class PrometheusRunSink : RunSinkBase
{
    private const double MicrosecondsPerSecond = 1_000_000;

    private static readonly Dictionary<PlanPhase, string> PhaseLabels = Enum.GetValues<PlanPhase>()
        .ToDictionary(phase => phase, phase => JsonNamingPolicy.KebabCaseLower.ConvertName(phase.ToString()));

    private readonly WsLoadCollectors _metrics;
    private readonly ScrapeTracker _tracker;
    private readonly string _scenario;
    private readonly MessageTypeLabels _types;
    private readonly ExactSplit _sent = new(MetricNames.OtherType);
    private readonly ExactSplit _received = new(MetricNames.OtherType);
    private readonly HashSet<string> _workers = new(StringComparer.Ordinal);
    private readonly List<Action> _deferred = [];

    public PrometheusRunSink(WsLoadCollectors metrics, ScrapeTracker tracker, LiveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _metrics = metrics;
        _tracker = tracker;
        _scenario = run.Name;
        _types = new MessageTypeLabels(run.Scenario.Messages.Types.Select(type => type.Name));
    }

    public override string Name => "metrics";

    /// <summary>The <c>phase</c> label of <paramref name="phase"/>: <c>ramp-up</c>, <c>hold</c>, <c>ramp-down</c>, <c>closing</c>.</summary>
    public static string PhaseLabel(PlanPhase phase) => PhaseLabels[phase];

    protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
    {
        Publish(snapshot);
        _tracker.Updated();
        return ValueTask.CompletedTask;
    }

    protected override Task HandleEndAsync(RunResult result, CancellationToken cancellationToken)
    {
        PublishDeferred();
        _metrics.ConnectionsOpen.RemoveLabelled(_scenario);
        _metrics.ConnectionsTarget.RemoveLabelled(_scenario);
        foreach (var worker in _workers)
        {
            foreach (var gauge in new[] { _metrics.WorkerConnectionsOpen, _metrics.GeneratorCpu, _metrics.GeneratorSaturated, _metrics.ServerCpu, _metrics.ServerMemory })
            {
                gauge.RemoveLabelled(_scenario, worker);
            }
        }

        _tracker.Updated();
        return Task.CompletedTask;
    }

    private void Publish(IntervalSnapshot snapshot)
    {
        PublishDeferred();
        var phase = PhaseLabel(snapshot.Phase);
        var counters = snapshot.Counters;
        PublishTypes(_metrics.MessagesSent, phase, _sent.Split(counters.Sent, TypeCounts(snapshot, type => type.Sent)));
        PublishTypes(_metrics.MessagesReceived, phase, _received.Split(counters.Received, TypeCounts(snapshot, type => type.Received)));
        Inc(_metrics.BytesSent.WithLabels(_scenario, phase), counters.BytesSent);
        Inc(_metrics.BytesReceived.WithLabels(_scenario, phase), counters.BytesReceived);
        Inc(_metrics.Connects.WithLabels(_scenario, phase, "established"), counters.ConnectsEstablished);
        Inc(_metrics.Connects.WithLabels(_scenario, phase, "failed"), counters.ConnectsFailed);
        Inc(_metrics.Dropped.WithLabels(_scenario, phase), counters.Dropped);
        foreach (var (failureClass, count) in snapshot.ErrorsByClass)
        {
            Inc(_metrics.Errors.WithLabels(_scenario, phase, failureClass), count);
        }

        Observe(_metrics.Rtt.WithLabels(_scenario, phase), snapshot.Histogram(HistogramNames.Rtt));
        Observe(_metrics.ResponseTime.WithLabels(_scenario, phase), snapshot.Histogram(HistogramNames.Response));
        Observe(_metrics.ConnectTime.WithLabels(_scenario, phase), snapshot.Histogram(HistogramNames.Connect));
        _metrics.ConnectionsOpen.WithLabels(_scenario).Set(snapshot.OpenConnections);
        _metrics.ConnectionsTarget.WithLabels(_scenario).Set(snapshot.TargetConnections);
        foreach (var process in snapshot.Processes)
        {
            PublishProcess(process);
        }
    }

    private void PublishProcess(ProcessHealth process)
    {
        var worker = process.Process;
        _workers.Add(worker);
        _metrics.WorkerConnectionsOpen.WithLabels(_scenario, worker).Set(process.OpenConnections);
        Inc(_metrics.WorkerMessagesSent.WithLabels(_scenario, worker), process.Counters.Sent);
        Inc(_metrics.WorkerMessagesReceived.WithLabels(_scenario, worker), process.Counters.Received);
        if (process.Generator is { } generator)
        {
            _metrics.GeneratorCpu.WithLabels(_scenario, worker).Set(generator.CpuPercent / 100);
            _metrics.GeneratorSaturated.WithLabels(_scenario, worker).Set(generator.Saturated ? 1 : 0);
        }

        // A figure the server's sample does not know (read from a Prometheus that lacks it) is left out, never set to 0.
        if (process.Server?.CpuPercent is { } serverCpu)
        {
            _metrics.ServerCpu.WithLabels(_scenario, worker).Set(serverCpu / 100);
        }

        if (process.Server?.RssBytes is { } serverMemory)
        {
            _metrics.ServerMemory.WithLabels(_scenario, worker).Set(serverMemory);
        }
    }

    // Types past the cap share "other", so their counts are added up before the split.
    private Dictionary<string, long> TypeCounts(IntervalSnapshot snapshot, Func<MessageTypeInterval, long> count)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, type) in snapshot.MessageTypes)
        {
            var label = _types.For(name);
            counts[label] = counts.GetValueOrDefault(label) + count(type);
        }

        return counts;
    }

    private void PublishTypes(Counter counter, string phase, IReadOnlyDictionary<string, long> counts)
    {
        foreach (var (type, count) in counts)
        {
            Inc(counter.WithLabels(_scenario, phase, type), count);
        }
    }

    private void Inc(Counter.Child counter, long delta)
    {
        if (_metrics.IsNew(counter))
        {
            if (delta > 0)
            {
                _deferred.Add(() => counter.Inc(delta));
            }
        }
        else if (delta > 0)
        {
            counter.Inc(delta);
        }
    }

    private void PublishDeferred()
    {
        foreach (var publish in _deferred)
        {
            publish();
        }

        _deferred.Clear();
    }

    private void Observe(Histogram.Child histogram, HistogramCounts counts)
    {
        if (counts.TotalCount == 0)
        {
            return;
        }

        if (_metrics.IsNew(histogram))
        {
            _deferred.Add(() => ObserveBuckets(histogram, counts));
            return;
        }

        ObserveBuckets(histogram, counts);
    }

    // Bucket by bucket: each HDR bucket's value (its highest equivalent value, within 0.1% of the values it holds) is
    // observed as many times as the bucket counts, so the Prometheus buckets hold exactly the run's counts. _sum adds
    // up those bucket values, not the raw measurements: it is within 0.1% of the true sum.
    private static void ObserveBuckets(Histogram.Child histogram, HistogramCounts counts)
    {
        var values = counts.Values;
        var buckets = counts.Counts;
        for (var i = 0; i < values.Length; i++)
        {
            histogram.Observe(values[i] / MicrosecondsPerSecond, buckets[i]);
        }
    }
}
