using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Sinks;
using WsLoad.Tests.Measurement;
using Xunit.Abstractions;

namespace WsLoad.Tests.Engine;

/// <summary>A scenario's <c>clientFaults</c> against the embedded server: each fault is injected, seen by the server, and counted.</summary>
public sealed class ClientFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dropping_10_percent_of_100_at_2s_aborts_exactly_10_as_the_server_sees_them()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var watcher = new ServerWatcher(server);

        var result = await RunAsync(server, "connections: { count: 100, ramp: linear:500ms, hold: 4s }", "{ at: 2s, drop: 10% }", watcher, cts.Token);

        Assert.True(watcher.Seen is not null, "no live snapshot came an interval after the one that counted the drops");
        Assert.Equal(90, watcher.Seen.CurrentConnections); // an interval after the drop: 10 reset, no reconnect
        Assert.Equal(100, server.GetStats().TotalAccepted);
        Assert.Equal(10, result.ErrorsByClass["client-fault-drop"]);
        Assert.Equal(0, result.Summary.Connections.Dropped); // not a drop by the server
        var drop = Assert.Single(result.Events, e => e.Kind == "client-drop");
        Assert.Equal((RunEventSource.Client, 10L), (drop.Source, drop.Count));
        Assert.True(drop.AtSeconds >= 1.9 && drop.AtSeconds < 4.5, $"dropped at {drop.AtSeconds} s"); // due at 2 s, never before it (a few ms of clock start aside), and within the hold
        Assert.DoesNotContain(result.Events, e => e.Kind == "connections-dropped");
    }

    [Fact]
    public async Task With_reconnect_on_the_10_dropped_connections_come_back()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var watcher = new ServerWatcher(server);

        var result = await RunAsync(
            server, "connections: { count: 100, ramp: linear:500ms, hold: 4s, reconnect: { policy: immediate } }", "{ at: 2s, drop: 10% }", watcher, cts.Token);

        Assert.Equal(110, server.GetStats().TotalAccepted);
        Assert.True(watcher.Seen is not null, "no live snapshot came an interval after the one that counted the drops");
        Assert.Equal(100, watcher.Seen.CurrentConnections);
        Assert.Equal(10, result.ErrorsByClass["client-fault-drop"]);
        var recovery = Assert.IsType<RecoverySummary>(result.Summary.Recovery);
        Assert.Equal((10L, 10L, 0L), (recovery.Drops, recovery.Reconnects, recovery.GaveUp));
        Assert.Equal(0, result.Summary.Connections.Dropped);
    }

    [Fact]
    public async Task Two_drops_get_a_service_recovery_each_against_the_baseline_before_the_first()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        var result = await RunAsync(
            server, "connections: { count: 100, ramp: linear:500ms, hold: 11s, reconnect: { policy: immediate } }",
            "{ at: 4s, drop: 10% }\n  - { at: 7.5s, drop: 10% }", null, cts.Token);

        var recovery = Assert.IsType<RecoverySummary>(result.Summary.Recovery);
        output.WriteLine(string.Join(" | ", recovery.ServiceAfterEachBurst!.Select(s => $"fault {s.FaultAtSeconds} back {s.BackAtSeconds} baseline {s.BaselineThroughputPerSec}/s p99 {s.BaselineRttP99Ms}")));
        output.WriteLine(string.Join(", ", result.Series.Select(s => $"{s.AtSeconds}s: {s.Received} p99 {s.RttP99}")));
        Assert.Equal(20, recovery.Drops);
        var bursts = recovery.ServiceAfterEachBurst!;
        Assert.Equal(2, bursts.Count);
        // Each burst is the drop the plan put there: due at 4 s and 7.5 s, never before (a few ms of clock start aside),
        // the first before the second was due and the second within the hold (it ends at 11.5 s).
        Assert.True(bursts[0].FaultAtSeconds >= 3.9 && bursts[0].FaultAtSeconds < 7.5, $"first burst at {bursts[0].FaultAtSeconds} s");
        Assert.True(bursts[1].FaultAtSeconds >= 7.4 && bursts[1].FaultAtSeconds < 11.5, $"second burst at {bursts[1].FaultAtSeconds} s");
        Assert.True(bursts[0].BaselineIntervals >= 2, $"baseline of {bursts[0].BaselineIntervals} seconds");
        Assert.Equal(bursts[0].BaselineThroughputPerSec, bursts[1].BaselineThroughputPerSec); // both judged against the seconds before the first
        Assert.All(bursts, b => Assert.NotNull(b.SecondsToRecover));
        Assert.True(bursts[0].BackAtSeconds <= bursts[1].FaultAtSeconds, "the first burst is judged only until the second began");
        Assert.Equal(2, result.Events.Count(e => e.Kind == "service-recovered"));
    }

    [Fact]
    public async Task A_3s_send_pause_shows_as_missed_sends_and_a_gap_in_the_sent_series()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        var result = await RunAsync(server, "connections: { count: 20, ramp: linear:500ms, hold: 8s }", "{ at: 3s, pause: 3s }", null, cts.Token, rate: "20/s");

        // Every send the plan holds is either made or, inside the pause, counted as missed (SendLoop): none vanishes.
        var messages = result.Summary.Messages;
        output.WriteLine(string.Join(", ", result.Series.Select(s => $"{s.AtSeconds}s: {s.Sent}")));
        var (planned, slack) = MeasurementRuns.PlannedSends(result, ratePerConnection: 20);
        Assert.InRange(messages.Sent + messages.MissedSends, planned - slack, planned + slack);
        Assert.Equal(0, messages.Lost);

        // The pause holds exactly the sends due in it: 20 connections x 20/s x 3 s = 1,200, within one a connection.
        var pause = Assert.Single(result.Events, e => e.Kind == "send-pause");
        Assert.Equal((3.0, 20L), (pause.DurationSeconds, pause.Count));
        Assert.InRange(messages.MissedSends, 1200 - 20, 1200 + 20);

        // And the sent series has a gap where the event puts the pause: nothing sent in an interval that lies inside it
        // (10 ms off each end: the pause starts just before its event is stamped).
        var inside = result.Series.Select((s, i) => (Start: i == 0 ? 0 : result.Series[i - 1].AtSeconds, End: s.AtSeconds, s.Sent))
            .Where(s => s.Start >= pause.AtSeconds + 0.01 && s.End <= pause.AtSeconds + 3 - 0.01).ToList();
        Assert.NotEmpty(inside);
        Assert.All(inside, s => Assert.True(s.Sent == 0, $"sent {s.Sent} in ({s.Start}, {s.End}], inside the pause"));
    }

    [Fact]
    public async Task A_malformed_frame_makes_the_server_fail_that_connection()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        // Idle connections (rate 0): nothing but the malformed frame can end them.
        var result = await RunAsync(server, "connections: { count: 10, ramp: linear:500ms, hold: 2s }", "{ at: 1s, malformed: 3 }", null, cts.Token, rate: "0/s");

        // RFC 6455 says 1002, and the embedded server (Kestrel's ManagedWebSocket) sends it, then resets the connection:
        // our client sees the close frame (1002) or, when the reset overtakes it, the reset (1006). What the test pins is
        // that exactly those 3 connections end with a protocol close or a reset, and the other 7 cleanly.
        output.WriteLine(string.Join(", ", result.CloseCodes.Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal(3, result.CloseCodes.GetValueOrDefault("1002") + result.CloseCodes.GetValueOrDefault("1006"));
        Assert.Equal(7, result.CloseCodes["1000"]);
        Assert.Equal(3, Assert.Single(result.Events, e => e.Kind == "malformed-frames").Count);
    }

    [Fact]
    public async Task A_message_over_the_servers_limit_is_closed_with_1009()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { MaxMessageBytes = 64 * 1024 }, cts.Token);

        var result = await RunAsync(server, "connections: { count: 10, ramp: linear:500ms, hold: 2s }", "{ at: 1s, oversized: 2, size: 128kb }", null, cts.Token);

        Assert.Equal(2, result.CloseCodes["1009"]);
        Assert.Equal(2, result.ErrorsByClass["close-1009"]);
        Assert.Equal(2, Assert.Single(result.Events, e => e.Kind == "oversized-messages").Count);
    }

    [Fact]
    public async Task A_slow_reader_gets_its_replies_late_by_about_the_time_it_stopped_reading()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        var result = await RunAsync(server, "connections: { count: 10, ramp: linear:500ms, hold: 5s }", "{ at: 2s, slowReader: 20%, for: 2s }", null, cts.Token, rate: "20/s");

        // The 2 slow readers' echoes wait in the socket buffers until they read again; the other 8 are unaffected.
        var rtt = result.Summary.LatencyMs.Rtt!;
        output.WriteLine($"rtt p50 {rtt.P50} ms, p99 {rtt.P99} ms, max {rtt.Max} ms");
        Assert.True(rtt.Max >= 1500, $"max rtt {rtt.Max} ms");
        Assert.True(rtt.P50 < 500, $"p50 rtt {rtt.P50} ms");
        Assert.Equal(0, result.Summary.Messages.Lost);
        Assert.Equal(2, Assert.Single(result.Events, e => e.Kind == "slow-reader").Count);
    }

    private static Task<RunResult> RunAsync(TargetServer server, string connections, string step, ServerWatcher? watcher, CancellationToken cancellationToken, string rate = "5/s")
    {
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            {{connections}}
            messages: { rate: {{rate}} }
            clientFaults:
              - {{step}}
            """);
        return LoadTest.RunAsync(scenario, new LoadTestOptions { Sinks = watcher is null ? [] : [watcher] }, cancellationToken);
    }

    /// <summary>
    /// Reads the server's stats once, at the first live snapshot after the one in which the engine counted the client
    /// fault's drops: an interval later, whenever the drop ran.
    /// </summary>
    private sealed class ServerWatcher(TargetServer server) : IRunSink
    {
        private bool _dropsCounted;

        public string Name => "server-watcher";

        public ServerStats? Seen { get; private set; }

        public void OnInterval(IntervalSnapshot snapshot)
        {
            if (_dropsCounted)
            {
                Seen ??= server.GetStats();
            }

            // The snapshot counts the interval's own failures: once the drops were counted, they stay counted.
            _dropsCounted |= snapshot.ErrorsByClass.GetValueOrDefault("client-fault-drop") > 0;
        }

        public Task OnEndAsync(RunResult result, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
