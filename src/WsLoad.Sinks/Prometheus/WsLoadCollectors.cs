using System.Collections.Concurrent;
using Prometheus;

namespace WsLoad.Sinks.Prometheus;

/// <summary>
/// WsLoad's metric families on one registry of the scrape endpoint's own, each with the labels it carries. Labels are
/// chosen per family so that cardinality stays bounded and <c>sum()</c> over a family never counts a thing twice: the
/// run-wide families carry <c>scenario</c> and <c>phase</c> (and <c>type</c>, <c>result</c> or <c>class</c>, whose
/// values add up to the whole), the per-process figures live in their own <c>wsload_worker_*</c>, generator and
/// server families with <c>worker</c>. Gauges carry no phase: a gauge left in an old phase would still read its last value.
/// </summary>
internal sealed class WsLoadCollectors
{
    private static readonly string[] ByPhase = [MetricNames.ScenarioLabel, MetricNames.PhaseLabel];
    private static readonly string[] ByWorker = [MetricNames.ScenarioLabel, MetricNames.WorkerLabel];

    private readonly ConcurrentDictionary<ChildBase, byte> _seen = new();

    public WsLoadCollectors(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = global::Prometheus.Metrics.WithCustomRegistry(registry);
        string[] byType = [.. ByPhase, MetricNames.TypeLabel];
        MessagesSent = factory.CreateCounter(MetricNames.MessagesSent, "Messages sent, by message type (the scenario's first 20 types; the rest and untyped ones as 'other').", byType);
        MessagesReceived = factory.CreateCounter(MetricNames.MessagesReceived, "Messages received, by the message type they answered ('other' for the rest and for messages that answered none).", byType);
        BytesSent = factory.CreateCounter(MetricNames.BytesSent, "Payload bytes sent.", ByPhase);
        BytesReceived = factory.CreateCounter(MetricNames.BytesReceived, "Payload bytes received.", ByPhase);
        Connects = factory.CreateCounter(MetricNames.Connects, "WebSocket connects that ended, by result (established or failed).", [.. ByPhase, MetricNames.ResultLabel]);
        Dropped = factory.CreateCounter(MetricNames.ConnectionsDropped, "Established connections that ended without being asked to, and not with a clean 1000/1001 close.", ByPhase);
        Errors = factory.CreateCounter(MetricNames.Errors, "Failures by class of WsLoad's failure taxonomy (run.json's errorsByClass).", [.. ByPhase, MetricNames.ClassLabel]);
        Rtt = Latency(factory, MetricNames.Rtt, "Round trip from the actual send (service time), seconds.");
        ResponseTime = Latency(factory, MetricNames.ResponseTime, "Round trip from the intended send (response time, corrected for coordinated omission), seconds.");
        ConnectTime = Latency(factory, MetricNames.ConnectTime, "The whole connect, TCP connect to the 101, seconds.");
        ConnectionsOpen = factory.CreateGauge(MetricNames.ConnectionsOpen, "Connections open (all workers).", [MetricNames.ScenarioLabel]);
        ConnectionsTarget = factory.CreateGauge(MetricNames.ConnectionsTarget, "Connections the plan wants open now.", [MetricNames.ScenarioLabel]);
        WorkerConnectionsOpen = factory.CreateGauge(MetricNames.WorkerConnectionsOpen, "Connections open in one process of the run.", ByWorker);
        WorkerMessagesSent = factory.CreateCounter(MetricNames.WorkerMessagesSent, "Messages one process of the run sent.", ByWorker);
        WorkerMessagesReceived = factory.CreateCounter(MetricNames.WorkerMessagesReceived, "Messages one process of the run received.", ByWorker);
        GeneratorCpu = factory.CreateGauge(MetricNames.GeneratorCpu, "CPU the load generator process used, in cores (1 = one core busy).", ByWorker);
        GeneratorSaturated = factory.CreateGauge(MetricNames.GeneratorSaturated, "1 when the load generator process could not keep up (its latencies are unreliable), else 0.", ByWorker);
        ServerCpu = factory.CreateGauge(MetricNames.ServerCpu, "CPU the target server used (with the processes under it), in cores, as the process with that worker label sampled it.", ByWorker);
        ServerMemory = factory.CreateGauge(MetricNames.ServerMemory, "Resident memory of the target server (with the processes under it), bytes.", ByWorker);
    }

    public Counter MessagesSent { get; }

    public Counter MessagesReceived { get; }

    public Counter BytesSent { get; }

    public Counter BytesReceived { get; }

    public Counter Connects { get; }

    public Counter Dropped { get; }

    public Counter Errors { get; }

    public Histogram Rtt { get; }

    public Histogram ResponseTime { get; }

    public Histogram ConnectTime { get; }

    public Gauge ConnectionsOpen { get; }

    public Gauge ConnectionsTarget { get; }

    public Gauge WorkerConnectionsOpen { get; }

    public Counter WorkerMessagesSent { get; }

    public Counter WorkerMessagesReceived { get; }

    public Gauge GeneratorCpu { get; }

    public Gauge GeneratorSaturated { get; }

    public Gauge ServerCpu { get; }

    public Gauge ServerMemory { get; }

    /// <summary>
    /// True the first time any run asks about <paramref name="series"/>: prometheus-net has just created it at 0. Runs
    /// of a suite share the set, so a series an earlier run published is not new to the next.
    /// </summary>
    public bool IsNew(ChildBase series) => _seen.TryAdd(series, 0);

    private static Histogram Latency(MetricFactory factory, string name, string help) =>
        factory.CreateHistogram(name, help, ByPhase, new HistogramConfiguration { Buckets = [.. MetricNames.LatencyBuckets] });
}
