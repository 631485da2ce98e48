using WsLoad.Engine;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using Xunit.Abstractions;

namespace WsLoad.Tests.Engine;

/// <summary>
/// The end of a run against a server that answers every message 5 ms late: closing connections stop sending, wait for
/// the answers in flight, and only then close, so a server that lost nothing is never charged a loss.
/// </summary>
public sealed class CleanEndTests(ITestOutputHelper output)
{
    private const int Connections = 100;

    [Theory]
    [InlineData("0s")]
    [InlineData("1s")]
    public async Task Echoes_in_flight_at_the_close_come_back_and_nothing_is_sent_while_closing(string rampDown)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(
            new TargetServerOptions { Faults = new ServerFaults { ReplyDelay = TimeSpan.FromMilliseconds(5) } }, cts.Token);

        var result = await RunAsync(server, $"hold: 2s, rampDown: {rampDown}", cts.Token);

        var messages = result.Summary.Messages;
        output.WriteLine($"sent {messages.Sent} received {messages.Received} lost {messages.Lost} at close {messages.UnansweredAtClose}");
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(messages.Sent > Connections * 20, $"only {messages.Sent} sent");
        Assert.Equal(messages.Sent, messages.Received);
        Assert.Equal(0, messages.Lost);
        Assert.Equal(0, messages.UnansweredAtClose);
        Assert.Empty(result.ErrorsByClass);

        // Sends stop at each slot's planned close; a slot whose echo is still on its way waits for it (a "close-drain"
        // on the timeline, when the close ran before the echo came back) and none is left unresolved.
        foreach (var e in result.Events)
        {
            output.WriteLine($"{e.AtSeconds} {e.Kind} {e.Description}");
        }

        if (result.Events.SingleOrDefault(e => e.Kind == "close-drain") is { } drain)
        {
            Assert.Equal(0, drain.Count);
        }

        // Nothing goes out once the plan is over: the closing phase sends nothing.
        var closing = Assert.Contains(PlanPhases.ClosingName, result.Phases);
        Assert.Equal(0, closing.Counters.Sent);

        // Every connection was closed by us with a clean handshake, and lived about the ramp and the hold.
        var close = Assert.IsType<LatencySummary>(result.Summary.LatencyMs.CloseHandshake);
        Assert.Equal(Connections, close.Count);
        var lifetime = Assert.IsType<LatencySummary>(result.Summary.Connections.LifetimeSeconds);
        Assert.Equal(Connections, lifetime.Count);
        Assert.InRange(lifetime.P50, 1.5, 60);
    }

    [Fact]
    public async Task An_interrupted_run_counts_what_was_in_flight_as_unanswered_at_close_not_lost()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // The server stops answering at 2 s (and holds its replies for a minute); the run is interrupted at 2.5 s.
        var stall = new ServerFaults { StallAt = TimeSpan.FromSeconds(2), StallFor = TimeSpan.FromSeconds(60) };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = stall }, cts.Token);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        interrupt.CancelAfter(TimeSpan.FromSeconds(2.5));

        var result = await RunAsync(server, "hold: 30s", interrupt.Token);

        var messages = result.Summary.Messages;
        output.WriteLine($"sent {messages.Sent} received {messages.Received} lost {messages.Lost} at close {messages.UnansweredAtClose}");
        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal(0, messages.Lost);
        Assert.True(messages.UnansweredAtClose >= Connections, "half a second at 20 msg/s leaves about ten unanswered per connection");
        Assert.Equal(messages.Sent, messages.Received + messages.UnansweredAtClose);
        Assert.False(result.ErrorsByClass.ContainsKey("message-lost"));
    }

    [Fact]
    public async Task Messages_unanswered_for_longer_than_the_timeout_before_the_close_are_lost()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // The server stops answering at 1.5 s, far more than the 2 s timeout before the plan's close at 4 s.
        var stall = new ServerFaults { StallAt = TimeSpan.FromSeconds(1.5), StallFor = TimeSpan.FromSeconds(60) };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = stall }, cts.Token);

        var result = await RunAsync(server, "hold: 3s", cts.Token);

        var messages = result.Summary.Messages;
        output.WriteLine($"sent {messages.Sent} received {messages.Received} lost {messages.Lost} at close {messages.UnansweredAtClose}");
        Assert.Equal(0, messages.UnansweredAtClose);
        Assert.Equal(messages.Sent - messages.Received, messages.Lost);
        Assert.True(messages.Lost >= Connections * 40, $"2.5 s of sends at 20 msg/s went unanswered; {messages.Lost} lost");
    }

    private static Task<RunResult> RunAsync(TargetServer server, string timing, CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: {{Connections}}, ramp: linear:1s, {{timing}} }
            messages: { rate: 20/s, timeout: 2s }
            """);
        return LoadTest.RunAsync(scenario, new LoadTestOptions(), cancellationToken);
    }
}
