using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Sinks;

namespace WsLoad.Tests.Engine;

/// <summary>A live sink's trouble is its own: it shows in the sink's health and never in what the run measured.</summary>
public sealed class SinkIsolationTests
{
    [Fact]
    public async Task A_sink_that_throws_and_one_that_blocks_for_10_s_change_neither_the_counts_nor_the_failures()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions { Count = 50, Ramp = new RampOptions { Strategy = RampStrategy.Burst }, Hold = TimeSpan.FromSeconds(4) },
            Messages = new MessageOptions { RatePerSecond = 20 },
        };
        var recorder = new RecordingSink();
        var blocker = new BlockingSink();
        var options = new LoadTestOptions { Sinks = [new ThrowingSink(), blocker, recorder], SinkDrainTimeout = TimeSpan.FromSeconds(1) };

        var result = await LoadTest.RunAsync(scenario, options, cts.Token);

        // What the run measured is whole and matches the server's own count.
        var stats = server.GetStats();
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(stats.MessagesIn, result.Summary.Messages.Sent);
        Assert.Equal(result.Summary.Messages.Sent, result.Summary.Messages.Received);
        Assert.Equal(50, result.Summary.Connections.Established);
        Assert.Empty(result.ErrorsByClass);
        Assert.Empty(result.FailureEvents);
        Assert.All(result.Series, s => Assert.Equal(0, s.Errors));

        // Each sink's trouble is in its health, and the healthy one saw every interval and the result.
        var health = result.Sinks.ToDictionary(h => h.Name);
        Assert.Equal(result.Series.Count, health["thrower"].Failed);
        Assert.Equal(0, health["thrower"].Delivered);
        Assert.Contains("thrown on purpose", health["thrower"].LastError, StringComparison.Ordinal);
        Assert.False(health["blocker"].Finished);
        Assert.Equal(0, health["blocker"].Delivered);
        Assert.InRange(health["blocker"].Dropped, result.Series.Count - 3, result.Series.Count - 2); // one in its handler (once started), two queued
        Assert.Equal(new SinkHealth { Name = "recorder", Delivered = result.Series.Count }, health["recorder"]);
        Assert.Equal(Enumerable.Range(0, result.Series.Count), recorder.Indices);
        Assert.Same(result, recorder.Ended);
        Assert.Empty(Acceptance.RunJsonSchema.Validate(RunResultJson.Serialize(result)));
    }

    private sealed class ThrowingSink : IRunSink
    {
        public string Name => "thrower";

        public void OnInterval(IntervalSnapshot snapshot) => throw new InvalidOperationException("thrown on purpose");

        public Task OnEndAsync(RunResult result, CancellationToken cancellationToken) => throw new InvalidOperationException("thrown on purpose at the end");
    }

    private sealed class BlockingSink() : RunSinkBase(queueCapacity: 2)
    {
        public override string Name => "blocker";

        protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
        {
            Thread.Sleep(TimeSpan.FromSeconds(10)); // a sink that blocks its thread, ignoring the token
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingSink : IRunSink
    {
        public string Name => "recorder";

        public List<int> Indices { get; } = [];

        public RunResult? Ended { get; private set; }

        public void OnInterval(IntervalSnapshot snapshot) => Indices.Add(snapshot.Index);

        public Task OnEndAsync(RunResult result, CancellationToken cancellationToken)
        {
            Ended = result;
            return Task.CompletedTask;
        }
    }
}
