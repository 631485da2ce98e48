using System.Text.Json;
using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Engine;

/// <summary>A scenario's <c>serverFaults</c> timeline drives the embedded server; the series show it and run.json lists it.</summary>
public sealed class ServerFaultTimelineTests
{
    [Fact]
    public async Task A_reply_delay_switched_on_at_2s_and_off_at_4s_shows_in_the_rtt_series_and_in_the_events()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 20, ramp: { strategy: linear, duration: 500ms }, hold: 6s }
            messages: { rate: 20/s }
            serverFaults:
              at:
                - { at: 2s, set: { replyDelay: 60ms, corruptEvery: 1000000 } }
                - { at: 4s, clear: true }
            """);

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Completed, result.Status);
        var events = result.Events.Where(e => e.Source == RunEventSource.Server).ToList();
        Assert.Equal(["fault-plan-set", "fault-plan-cleared"], events.Select(e => e.Kind));
        Assert.Equal("reply delay 60 ms, corrupt every 1000000", events[0].Description);
        Assert.Same(ServerFaults.None, server.CurrentFaults);

        // When: each call is made at its planned time, never before it, and stamped once the server accepted it, so the
        // server's fault was on from before the first stamp until between 4 s and the second stamp. Both within the hold.
        var (set, cleared) = (events[0].AtSeconds, events[1].AtSeconds);
        var holdEnd = (scenario.Connections.Ramp.Duration + scenario.Connections.Hold).TotalSeconds;
        Assert.True(set >= 2 && set < 4 && cleared >= 4 && cleared < holdEnd, $"set at {set} s, cleared at {cleared} s");

        // What the server did in that window, against the plan: 20 connections x 20/s = 400 messages a second, so it
        // delayed the replies to the messages it received while the fault was on: at least those of [set stamp, 4 s],
        // at most those of [2 s, cleared stamp], within one message a connection at either end.
        const double rate = 20 * 20;
        var delayed = server.GetStats().RepliesDelayed;
        Assert.InRange(delayed, (rate * (4 - set)) - 20, (rate * (cleared - 2)) + 20);

        // And the client measured each of them: every delayed reply took at least the 60 ms delay.
        var rttHistogram = HistogramCodec.Decode(result.Histograms["rtt"]);
        var slowTrips = rttHistogram.RecordedValues().Where(v => v.ValueIteratedTo >= 60_000).Sum(v => v.CountAtValueIteratedTo);
        Assert.True(slowTrips >= delayed, $"{delayed} replies delayed, {slowTrips} round trips of 60 ms or more");

        // The series show it, in the intervals that the events place before, inside and after the fault. A reply that
        // arrives 0.1 s after the set stamp answers a message the server got after the fault was on (a prompt reply
        // would have had to take 0.1 s), and one 0.1 s after the clear stamp, one it got after it was off; an interval
        // that reaches at most 0.1 s past a change (the sampler's tick) holds too few replies from the other side to
        // move its median.
        var intervals = result.Series.Select((s, i) => (Start: i == 0 ? 0 : result.Series[i - 1].AtSeconds, End: s.AtSeconds, s.RttP50)).Where(s => s.RttP50 is not null).ToList();
        var before = intervals.Where(s => s.End <= 2.1).ToList();
        var during = intervals.Where(s => s.Start >= set + 0.1 && s.End <= 4.1).ToList();
        var after = intervals.Where(s => s.Start >= cleared + 0.1).ToList();
        Assert.True(before.Count > 0 && during.Count > 0 && after.Count > 0, $"an interval wholly before, inside and after the fault: {before.Count}, {during.Count}, {after.Count}");
        Assert.All(before, s => Assert.True(s.RttP50 < 30, $"before: {s.RttP50} ms in ({s.Start}, {s.End}]"));
        Assert.All(during, s => Assert.True(s.RttP50 >= 60, $"during: {s.RttP50} ms in ({s.Start}, {s.End}]"));
        Assert.All(after, s => Assert.True(s.RttP50 < 30, $"after: {s.RttP50} ms in ({s.Start}, {s.End}]"));

        using var json = JsonDocument.Parse(RunResultJson.Serialize(result));
        var written = json.RootElement.GetProperty("events").EnumerateArray().Select(e => (Kind: e.GetProperty("kind").GetString(), At: e.GetProperty("atSeconds").GetDouble())).ToList();
        Assert.Contains(written, e => e.Kind == "fault-plan-set" && e.At == events[0].AtSeconds);
        Assert.Contains(written, e => e.Kind == "fault-plan-cleared" && e.At == events[1].AtSeconds);
    }

    [Fact]
    public async Task A_failed_admin_call_is_an_event_and_the_run_goes_on()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Broadcast }, cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 2, hold: 1s }
            serverFaults:
              at:
                - { at: 0s, set: { replyDelay: 10ms } }
            """);

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        Assert.Equal(RunStatus.Completed, result.Status);
        var failed = Assert.Single(result.Events, e => e.Kind == "fault-plan-failed");
        Assert.Contains("400", failed.Description, StringComparison.Ordinal);
        Assert.Contains("need echo mode", failed.Description, StringComparison.Ordinal);
    }
}
