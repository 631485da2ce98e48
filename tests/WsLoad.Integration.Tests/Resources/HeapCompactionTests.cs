using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Resources;

/// <summary>The one compacting collection a run does when its ramp-up has settled, and its event on the timeline.</summary>
public sealed class HeapCompactionTests
{
    [Fact]
    public async Task A_burst_ramp_records_one_heap_compacted_event_after_every_connection_is_open()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        var result = await RunAsync(server.WebSocketUrl.ToString(), "connections: { count: 300, ramp: burst, hold: 2s }", cts.Token);

        Assert.Equal(300, result.Summary.Connections.Established);
        var compacted = Assert.Single(result.Events, e => e.Kind == "heap-compacted");
        Assert.Equal(RunEventSource.Run, compacted.Source);
        Assert.NotNull(compacted.DurationSeconds);
        Assert.InRange(compacted.DurationSeconds.Value, 0, 5);
        Assert.Contains("ms pause", compacted.Description, StringComparison.Ordinal);

        // Once the burst has settled, early in the 2 s hold, not when the run closes its connections.
        Assert.True(compacted.AtSeconds < 2, $"compacted at {compacted.AtSeconds} s, after the hold");
    }

    [Fact]
    public async Task A_gradual_ramp_compacts_only_after_its_last_slot_has_opened()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        // 20 connections over 1.5 s: connects finish long before the next one starts, so "none in flight" happens
        // ~20 times; only the last one, after the plan has opened every slot, counts.
        var result = await RunAsync(server.WebSocketUrl.ToString(), "connections: { count: 20, ramp: linear:1500ms, hold: 1s }", cts.Token);

        Assert.Equal(20, result.Summary.Connections.Established);
        var compacted = Assert.Single(result.Events, e => e.Kind == "heap-compacted");
        Assert.True(compacted.AtSeconds >= 1.4, $"compacted at {compacted.AtSeconds} s, before the ramp's last slot (1.5 s)");
    }

    [Fact]
    public async Task A_run_below_the_threshold_or_with_compaction_off_does_not_pause()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        var small = await RunAsync(server.WebSocketUrl.ToString(), "connections: { count: 50, ramp: burst, hold: 1s }", cts.Token, threshold: 51);
        var off = await RunAsync(server.WebSocketUrl.ToString(), "connections: { count: 50, ramp: burst, hold: 1s }", cts.Token, threshold: null);

        Assert.Equal((50L, 50L), (small.Summary.Connections.Established, off.Summary.Connections.Established));
        Assert.DoesNotContain(small.Events, e => e.Kind == "heap-compacted");
        Assert.DoesNotContain(off.Events, e => e.Kind == "heap-compacted");
    }

    [Fact]
    public async Task A_run_whose_connects_all_fail_never_compacts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: every connect is refused

        var result = await RunAsync($"ws://127.0.0.1:{port}/ws", "connections: { count: 30, ramp: burst, hold: 1s }", cts.Token);

        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.DoesNotContain(result.Events, e => e.Kind == "heap-compacted");
    }

    private static Task<RunResult> RunAsync(string url, string connections, CancellationToken cancellationToken, int? threshold = 1)
    {
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{url}}" }
            {{connections}}
            messages: { rate: 0/s }
            """);
        return LoadTest.RunAsync(scenario, new LoadTestOptions { HeapCompactionFromConnections = threshold }, cancellationToken);
    }
}
