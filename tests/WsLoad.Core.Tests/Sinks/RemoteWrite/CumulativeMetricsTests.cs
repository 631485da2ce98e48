using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Sinks.Prometheus;
using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

public class CumulativeMetricsTests
{
    [Fact]
    public void Counters_add_up_over_intervals_and_runs_and_messages_no_type_claims_count_as_untyped()
    {
        var metrics = new CumulativeMetrics();

        metrics.Add(Interval(PlanPhase.RampUp, sent: 10, received: 9, Type("ping", 10, 8)), "chat");
        metrics.Add(Interval(PlanPhase.Hold, sent: 5, received: 5, Type("ping", 5, 6)), "chat"); // the type counted one a moment ahead
        metrics.Add(Interval(PlanPhase.Hold, sent: 0, received: 2), "chat");
        metrics.Add(Interval(PlanPhase.Hold, sent: 3, received: 3, Type("ping", 3, 3)), "chat"); // the next run of the suite
        var request = metrics.ToWriteRequest(1_000);

        var received = Values(request, MetricNames.MessagesReceived);
        Assert.Equal(9 + 5 + 2 + 3, received.Values.Sum());
        Assert.Equal(8, received["phase=ramp-up,scenario=chat,type=ping"]);
        Assert.Equal(1, received["phase=ramp-up,scenario=chat,type=untyped"]);
        Assert.Equal(9, received["phase=hold,scenario=chat,type=ping"]);
        Assert.Equal(1, received["phase=hold,scenario=chat,type=untyped"]);
        Assert.Equal(18, Values(request, MetricNames.MessagesSent).Values.Sum());
        Assert.Equal(4 * 5, Values(request, MetricNames.Connects)["result=established,scenario=chat"]);
        Assert.Equal(4 * 7, Values(request, MetricNames.Errors)["class=connect-refused,scenario=chat"]);
        Assert.Equal(18, Values(request, MetricNames.WorkerMessagesSent)["scenario=chat,worker=local"]);
        Assert.Equal(4, Values(request, MetricNames.ConnectionsOpen)["scenario=chat"]); // a gauge: the last interval's
    }

    [Fact]
    public void Every_series_has_its_labels_sorted_with_its_name_and_one_sample_and_time_only_moves_forward()
    {
        var metrics = new CumulativeMetrics();
        metrics.Add(Interval(PlanPhase.Hold, sent: 2, received: 2, Type("ping", 2, 2)), "chat");

        var first = metrics.ToWriteRequest(5_000);
        var again = metrics.ToWriteRequest(4_000); // a later run's clock, or the same millisecond: still after the last

        Assert.All(first.Timeseries, series =>
        {
            Assert.Equal("__name__", series.Labels[0].Name);
            Assert.Equal(series.Labels.Select(l => l.Name).Order(StringComparer.Ordinal), series.Labels.Select(l => l.Name));
            Assert.Equal(new SeriesSample(series.Samples[0].Value, 5_000), Assert.Single(series.Samples));
        });
        Assert.All(again.Timeseries, series => Assert.Equal(5_001, series.Samples[0].TimestampMs));
        var buckets = first.Timeseries.Where(s => s.Labels[0].Value == MetricNames.Rtt + "_bucket").ToList();
        Assert.Equal(MetricNames.LatencyBuckets.Count + 1, buckets.Count);
        Assert.Equal(2, buckets.Single(s => s.Labels.Contains(new SeriesLabel("le", "+Inf"))).Samples[0].Value);
        Assert.Equal(first.Timeseries.Count, metrics.SeriesCount);
    }

    [Fact]
    public void Types_past_the_limit_share_the_type_other()
    {
        var metrics = new CumulativeMetrics();
        var types = Enumerable.Range(0, MetricNames.MaxMessageTypes + 5).Select(i => Type($"t{i:00}", 1, 1)).ToArray();

        metrics.Add(Interval(PlanPhase.Hold, sent: types.Length, received: types.Length, types), "many");

        var sent = Values(metrics.ToWriteRequest(1), MetricNames.MessagesSent);
        Assert.Equal(MetricNames.MaxMessageTypes + 1, sent.Count);
        Assert.Equal(5, sent["phase=hold,scenario=many,type=other"]);
    }

    private static KeyValuePair<string, MessageTypeInterval> Type(string name, long sent, long received) =>
        new(name, new MessageTypeInterval { Sent = sent, Received = received, Rtt = received > 0 ? HistogramCounts.Create([300], [received]) : HistogramCounts.Empty });

    private static IntervalSnapshot Interval(PlanPhase phase, long sent, long received, params KeyValuePair<string, MessageTypeInterval>[] types)
    {
        var counters = new SnapshotCounters { Sent = sent, Received = received, ConnectsEstablished = 5 };
        return new IntervalSnapshot
        {
            Phase = phase,
            OpenConnections = 4,
            Counters = counters,
            MessageTypes = new Dictionary<string, MessageTypeInterval>(types, StringComparer.Ordinal),
            ErrorsByClass = new Dictionary<string, long> { ["connect-refused"] = 7 },
            Processes = [new ProcessHealth { OpenConnections = 4, Counters = counters }],
        };
    }

    // The value of each series of one name, keyed by its other labels as name=value, in order.
    private static Dictionary<string, double> Values(WriteRequest request, string name) =>
        request.Timeseries.Where(s => s.Labels.Contains(new SeriesLabel("__name__", name)))
            .ToDictionary(s => string.Join(",", s.Labels.Where(l => l.Name != "__name__").Select(l => $"{l.Name}={l.Value}")), s => s.Samples[0].Value);
}
