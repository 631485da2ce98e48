using System.Text.Json;
using WsLoad.Engine;
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
        var series = result.Series.Where(s => s.RttP50 is not null).ToList();
        // Intervals end at whole seconds: (1, 2] is before the change, (3, 4] inside it, (5, 6] after it.
        Assert.True(P50(series, 2) < 30, $"before: {P50(series, 2)} ms");
        Assert.True(P50(series, 4) >= 60, $"during: {P50(series, 4)} ms");
        Assert.True(P50(series, 6) < 30, $"after: {P50(series, 6)} ms");

        var events = result.Events.Where(e => e.Source == RunEventSource.Server).ToList();
        Assert.Equal(["fault-plan-set", "fault-plan-cleared"], events.Select(e => e.Kind));
        Assert.Equal("reply delay 60 ms, corrupt every 1000000", events[0].Description);
        Assert.InRange(events[0].AtSeconds, 2, 2.5);
        Assert.InRange(events[1].AtSeconds, 4, 4.5);
        Assert.Same(ServerFaults.None, server.CurrentFaults);

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

    private static double P50(List<IntervalSample> series, double endingAt) =>
        series.Single(s => Math.Abs(s.AtSeconds - endingAt) < 0.3).RttP50!.Value;
}
