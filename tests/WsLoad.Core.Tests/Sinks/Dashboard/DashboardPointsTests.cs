using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Sinks.Dashboard;

namespace WsLoad.Tests.Sinks.Dashboard;

public sealed class DashboardPointsTests
{
    [Fact]
    public void A_second_becomes_rates_over_its_own_length_percentiles_in_ms_and_each_process_apart()
    {
        var rtt = Histogram(1_000, 2_000, 3_000, 40_000);
        var snapshot = new IntervalSnapshot
        {
            Index = 4,
            StartSeconds = 4.0,
            EndSeconds = 4.5, // a short last interval: its counts are still rates per second
            Phase = PlanPhase.Hold,
            OpenConnections = 30,
            TargetConnections = 32,
            Counters = new SnapshotCounters { Sent = 100, Received = 90, Errors = 5, Dropped = 2 },
            Histograms = new Dictionary<string, HistogramCounts> { [HistogramNames.Rtt] = rtt },
            MessageTypes = new Dictionary<string, MessageTypeInterval> { ["chat"] = new() { Sent = 10, Received = 8, Rtt = rtt } },
            ErrorsByClass = new Dictionary<string, long> { ["close-1011"] = 5, ["timeout"] = 0 },
            Events =
            [
                new RunEvent { AtSeconds = 4.2, Source = RunEventSource.Run, Kind = "checkpoint-fired" },
                new RunEvent { AtSeconds = 4.3, Source = RunEventSource.Server, Kind = "server-stalled", Description = "server stalled for 3 s" },
                new RunEvent { AtSeconds = 4.31, Source = RunEventSource.Server, Kind = "server-stalled", Description = "server stalled for 3 s" }, // the other worker's
            ],
            Processes =
            [
                new ProcessHealth { Process = "worker-1", OpenConnections = 10, Counters = new SnapshotCounters { Sent = 40 }, Generator = new GeneratorSample { CpuPercent = 20, RssBytes = 100L << 20 } },
                new ProcessHealth
                {
                    Process = "worker-2", OpenConnections = 20, Counters = new SnapshotCounters { Sent = 60 },
                    Generator = new GeneratorSample { CpuPercent = 90, RssBytes = 50L << 20, Saturated = true, SaturationReasons = ["generator-cpu: 190% of 200%"] },
                    Server = new ProcessSample { CpuPercent = 55, RssBytes = 300L << 20 },
                },
            ],
        };

        var point = DashboardPoints.From(snapshot);

        Assert.Equal((4.5, 0.5, "hold", 30L, 32), (point.T, point.Seconds, point.Phase, point.Open, point.Target));
        Assert.Equal((200.0, 180.0, 10.0), (point.Sent, point.Received, point.Errors));
        Assert.Equal(rtt.ValueAtPercentile(99)!.Value / 1000.0, point.Rtt!.P99);
        Assert.Equal(rtt.ValueAtPercentile(50)!.Value / 1000.0, point.Rtt.P50);
        Assert.Null(point.Response);
        Assert.Equal(new Dictionary<string, long> { ["close-1011"] = 5 }, point.ErrorsByClass);
        Assert.Equal((20.0, 16.0), (point.Types["chat"].Sent, point.Types["chat"].Received));
        Assert.Equal(["worker-1", "worker-2"], point.Workers.Select(w => w.Name));
        Assert.Equal((20L, 120.0, 90.0, true), (point.Workers[1].Open, point.Workers[1].Sent, point.Workers[1].Cpu!.Value, point.Workers[1].Saturated));
        Assert.Equal((90.0, 150.0, true), (point.GeneratorCpu!.Value, point.GeneratorMemoryMb!.Value, point.Saturated)); // the busiest CPU, the summed memory
        Assert.Equal(["generator-cpu: 190% of 200%"], point.SaturatedBy);
        Assert.Equal((55.0, 300.0), (point.ServerCpu!.Value, point.ServerMemoryMb!.Value));
        Assert.Equal([new DashboardEvent(4.2, "run", "checkpoint-fired", "checkpoint-fired"), new DashboardEvent(4.3, "server", "server-stalled", "server stalled for 3 s")], point.Events);
    }

    [Theory]
    [InlineData("ws://user:secret@example.test:8080/chat?token=abc#x", "ws://example.test:8080/chat")]
    [InlineData("wss://example.test/", "wss://example.test/")]
    [InlineData("ws://[::1]:9/ws", "ws://[::1]:9/ws")]
    public void The_target_is_shown_without_credentials_or_query(string url, string shown) =>
        Assert.Equal(shown, DashboardRunInfo.SafeTarget(new Uri(url)));

    private static HistogramCounts Histogram(params long[] microseconds)
    {
        var histogram = LatencyRecorder.NewHistogram();
        foreach (var value in microseconds)
        {
            histogram.RecordValue(value);
        }

        return HistogramCounts.From(histogram);
    }
}
