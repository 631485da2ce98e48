using Microsoft.Extensions.Time.Testing;
using Prometheus;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Sinks;
using WsLoad.Sinks.Prometheus;

namespace WsLoad.Tests.Sinks.Prometheus;

/// <summary>Known snapshots fed to the scrape endpoint's sink give the expected exposition.</summary>
public sealed class PrometheusRunSinkTests
{
    private static readonly (string, string) Scenario = ("scenario", "chat-load");

    [Fact]
    public async Task Counters_add_up_the_snapshots_deltas_by_phase_and_type()
    {
        var run = Run("chat-load", "chat", "blob");
        var (registry, sink) = Start(run);
        sink.OnInterval(Snapshot(PlanPhase.RampUp, sent: 10, received: 8, types: [("chat", 6, 5), ("blob", 4, 3)]));
        sink.OnInterval(Snapshot(PlanPhase.Hold, sent: 20, received: 20, types: [("chat", 12, 12), ("blob", 8, 8)]));
        sink.OnInterval(Snapshot(PlanPhase.Hold, sent: 5, received: 7, types: [("chat", 5, 4)]));
        await sink.OnEndAsync(FinishedRun.Of(run.Scenario), CancellationToken.None);

        var text = await Exposition.ReadAsync(registry);
        Assert.Equal(5, text.Value(MetricNames.MessagesReceived, Scenario, ("phase", "ramp-up"), ("type", "chat")));
        Assert.Equal(3, text.Value(MetricNames.MessagesReceived, Scenario, ("phase", "ramp-up"), ("type", "blob")));
        Assert.Equal(16, text.Value(MetricNames.MessagesReceived, Scenario, ("phase", "hold"), ("type", "chat")));

        // Three received messages answered no type: they are 'other', so the family adds up to every message received.
        Assert.Equal(3, text.Value(MetricNames.MessagesReceived, Scenario, ("phase", "hold"), ("type", "other")));
        Assert.Equal(35, text.Sum(MetricNames.MessagesReceived));
        Assert.Equal(35, text.Sum(MetricNames.MessagesSent));
        Assert.Equal(35 * 100, text.Sum(MetricNames.BytesSent));
        Assert.Equal(2, text.Value(MetricNames.Errors, Scenario, ("phase", "hold"), ("class", "connect-refused")));
    }

    [Fact]
    public async Task Histograms_hold_every_HDR_bucket_in_seconds_with_the_latency_buckets()
    {
        var run = Run("chat-load", "chat");
        var (registry, sink) = Start(run);

        // 3 round trips of 150 µs, 5 of 2 ms, 1 of 30 s (past 25 s, the bucket below 50).
        sink.OnInterval(Snapshot(PlanPhase.Hold, sent: 9, received: 9, types: [], rtt: HistogramCounts.Create([150, 2_000, 30_000_000], [3, 5, 1])));
        await sink.OnEndAsync(FinishedRun.Of(run.Scenario), CancellationToken.None);

        var text = await Exposition.ReadAsync(registry);
        var buckets = text.Find(MetricNames.Rtt + "_bucket", Scenario, ("phase", "hold")).ToDictionary(b => b.Labels["le"], b => b.Value);
        Assert.Equal(MetricNames.LatencyBuckets.Count + 1, buckets.Count); // and +Inf
        Assert.Equal(0, buckets["0.0001"]);
        Assert.Equal(3, buckets["0.00025"]);
        Assert.Equal(3, buckets["0.001"]);
        Assert.Equal(8, buckets["0.0025"]);
        Assert.Equal(8, buckets["25"]);
        Assert.Equal(9, buckets["50"]);
        Assert.Equal(9, buckets["+Inf"]);
        Assert.Equal(9, text.Value(MetricNames.Rtt + "_count", Scenario, ("phase", "hold")));
        Assert.Equal((3 * 0.00015) + (5 * 0.002) + 30, text.Value(MetricNames.Rtt + "_sum", Scenario, ("phase", "hold")), 9);
    }

    [Fact]
    public async Task Message_types_past_the_cap_share_other_so_a_family_has_at_most_cap_plus_one_types()
    {
        var names = Enumerable.Range(0, MetricNames.MaxMessageTypes + 5).Select(i => $"t{i:00}").ToArray();
        var run = Run("many", names);
        var (registry, sink) = Start(run);
        sink.OnInterval(Snapshot(PlanPhase.Hold, sent: names.Length, received: names.Length, types: [.. names.Select(n => (n, 1L, 1L))]));
        await sink.OnEndAsync(FinishedRun.Of(run.Scenario), CancellationToken.None);

        var text = await Exposition.ReadAsync(registry);
        var types = text.Find(MetricNames.MessagesSent).Select(s => s.Labels["type"]).ToList();
        Assert.Equal(MetricNames.MaxMessageTypes + 1, types.Distinct().Count());
        Assert.Equal(5, text.Value(MetricNames.MessagesSent, ("type", MetricNames.OtherType)));
        Assert.Equal(1, text.Value(MetricNames.MessagesSent, ("type", "t19")));
        Assert.Empty(text.Find(MetricNames.MessagesSent, ("type", "t20")));
    }

    [Fact]
    public async Task Gauges_follow_each_worker_and_are_removed_when_the_run_ends()
    {
        var run = Run("chat-load", "chat");
        var (registry, sink) = Start(run);
        sink.OnInterval(Snapshot(PlanPhase.Hold, sent: 0, received: 0, types: [], processes:
        [
            new ProcessHealth { Process = "w1", OpenConnections = 30, Counters = new SnapshotCounters { Sent = 3 }, Generator = new GeneratorSample { CpuPercent = 150, Saturated = true } },
            new ProcessHealth { Process = "w2", OpenConnections = 12, Counters = new SnapshotCounters { Sent = 4 }, Server = new ProcessSample { CpuPercent = 50, RssBytes = 1234 } },
        ]));
        Assert.True(await sink.DrainAsync(CancellationToken.None));

        var during = await Exposition.ReadAsync(registry);
        Assert.Equal(42, during.Value(MetricNames.ConnectionsOpen, Scenario));
        Assert.Equal(100, during.Value(MetricNames.ConnectionsTarget, Scenario));
        Assert.Equal(30, during.Value(MetricNames.WorkerConnectionsOpen, Scenario, ("worker", "w1")));
        Assert.Equal(1.5, during.Value(MetricNames.GeneratorCpu, ("worker", "w1")));
        Assert.Equal(1, during.Value(MetricNames.GeneratorSaturated, ("worker", "w1")));
        Assert.Equal(0.5, during.Value(MetricNames.ServerCpu, ("worker", "w2")));
        Assert.Equal(1234, during.Value(MetricNames.ServerMemory, ("worker", "w2")));

        await sink.OnEndAsync(FinishedRun.Of(run.Scenario), CancellationToken.None);
        var after = await Exposition.ReadAsync(registry);
        Assert.Empty(after.Find(MetricNames.ConnectionsOpen));
        Assert.Empty(after.Find(MetricNames.WorkerConnectionsOpen));
        Assert.Empty(after.Find(MetricNames.GeneratorCpu));
        Assert.Equal(4, after.Value(MetricNames.WorkerMessagesSent, Scenario, ("worker", "w2"))); // counters stay
    }

    [Fact]
    public async Task A_new_series_is_first_published_at_zero_and_its_count_one_interval_later_so_rate_sees_it()
    {
        var run = Run("chat-load", "chat");
        var registry = global::Prometheus.Metrics.NewCustomRegistry();
        var collectors = new WsLoadCollectors(registry);
        var sink = new PrometheusRunSink(collectors, new ScrapeTracker(new FakeTimeProvider()), run);
        sink.OnInterval(Snapshot(PlanPhase.RampUp, sent: 10, received: 10, types: [("chat", 10, 10)], rtt: HistogramCounts.Create([500], [10])));
        Assert.True(await sink.DrainAsync(CancellationToken.None));
        var born = await Exposition.ReadAsync(registry);
        await sink.OnEndAsync(FinishedRun.Of(run.Scenario), CancellationToken.None);
        var ended = await Exposition.ReadAsync(registry);

        // The next run of a suite, same scenario: the series are not new any more, so its counts go out at once.
        var next = new PrometheusRunSink(collectors, new ScrapeTracker(new FakeTimeProvider()), run);
        next.OnInterval(Snapshot(PlanPhase.RampUp, sent: 5, received: 5, types: [("chat", 5, 5)]));
        Assert.True(await next.DrainAsync(CancellationToken.None));
        var again = await Exposition.ReadAsync(registry);

        Assert.Equal(0, born.Value(MetricNames.MessagesReceived, Scenario, ("type", "chat")));
        Assert.Equal(0, born.Value(MetricNames.Rtt + "_count", Scenario));
        Assert.Equal(10, ended.Value(MetricNames.MessagesReceived, Scenario, ("type", "chat")));
        Assert.Equal(10, ended.Value(MetricNames.Rtt + "_count", Scenario));
        Assert.Equal(15, again.Value(MetricNames.MessagesReceived, Scenario, ("type", "chat")));
    }

    private static (CollectorRegistry Registry, PrometheusRunSink Sink) Start(LiveRun run)
    {
        var registry = global::Prometheus.Metrics.NewCustomRegistry();
        return (registry, new PrometheusRunSink(new WsLoadCollectors(registry), new ScrapeTracker(new FakeTimeProvider()), run));
    }

    private static LiveRun Run(string name, params string[] types) => new(name, new Scenario
    {
        Name = name,
        Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/ws") },
        Messages = new MessageOptions { Types = [.. types.Select(t => new MessageType { Name = t })] },
    });

    private static IntervalSnapshot Snapshot(PlanPhase phase, long sent, long received, (string Name, long Sent, long Received)[] types, HistogramCounts? rtt = null, ProcessHealth[]? processes = null) => new()
    {
        Phase = phase,
        OpenConnections = processes?.Sum(p => p.OpenConnections) ?? 10,
        TargetConnections = 100,
        Counters = new SnapshotCounters { Sent = sent, Received = received, BytesSent = sent * 100, BytesReceived = received * 100 },
        MessageTypes = types.ToDictionary(t => t.Name, t => new MessageTypeInterval { Sent = t.Sent, Received = t.Received, Bytes = t.Sent * 100 }),
        ErrorsByClass = phase == PlanPhase.Hold ? new Dictionary<string, long> { ["connect-refused"] = 1 } : new Dictionary<string, long>(),
        Histograms = rtt is null ? new Dictionary<string, HistogramCounts>() : new Dictionary<string, HistogramCounts> { [HistogramNames.Rtt] = rtt },
        Processes = processes ?? [new ProcessHealth { OpenConnections = 10, Counters = new SnapshotCounters { Sent = sent, Received = received } }],
    };
}
