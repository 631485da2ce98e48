using Microsoft.Extensions.Time.Testing;
using WsLoad.Metrics;
using WsLoad.Scenarios;
using WsLoad.Sinks;
using WsLoad.Sinks.Prometheus;
using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

public class RemoteWriteSinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_write_goes_every_interval_of_run_time_stamped_at_the_interval_s_end_and_the_last_values_go_when_the_intervals_end()
    {
        using var receiver = new ScriptedReceiver(hold: false);
        var runStart = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_000);
        var clock = new FakeTimeProvider(runStart + TimeSpan.FromSeconds(1)); // where the wall clock stands when the first interval is handled
        var policy = new RemoteWritePolicy();
        await using var sender = new RemoteWriteSender(new RemoteWriteEndpoint(receiver.Url), policy, TimeProvider.System);
        var run = new LiveRun("chat", new Scenario { Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/") } });
        var sinks = new CompositeRunSink([new RemoteWriteSink(run, new CumulativeMetrics(), sender, TimeSpan.FromSeconds(2), policy, clock)]);

        for (var second = 1; second <= 5; second++)
        {
            sinks.OnInterval(Interval(second, received: 10));
        }

        var health = Assert.Single(await sinks.DrainAsync(Patience));

        // Due at 2 s and 4 s of run time, and the last (5 s) once no more intervals come.
        Assert.Equal(
            [(2_000L, 20.0), (4_000L, 40.0), (5_000L, 50.0)],
            receiver.Requests.Select(r => Received(r.Body)).Select(s => (s.TimestampMs - runStart.ToUnixTimeMilliseconds(), s.Value)));
        var samples = health.Samples!;
        Assert.Equal((3L, receiver.Requests.Sum(r => (long)r.Body.SampleCount), 0L, 0L), (samples.Requests, samples.Sent, samples.Dropped, samples.Pending));
    }

    private static SeriesSample Received(WriteRequest request) =>
        request.Timeseries.Single(s => s.Labels.Contains(new SeriesLabel("__name__", MetricNames.MessagesReceived))).Samples.Single();

    private static IntervalSnapshot Interval(int second, long received) => new()
    {
        Index = second - 1,
        StartSeconds = second - 1,
        EndSeconds = second,
        Phase = WsLoad.Planning.PlanPhase.Hold,
        Counters = new SnapshotCounters { Sent = received, Received = received },
        MessageTypes = new Dictionary<string, MessageTypeInterval> { ["ping"] = new() { Sent = received, Received = received } },
    };
}
