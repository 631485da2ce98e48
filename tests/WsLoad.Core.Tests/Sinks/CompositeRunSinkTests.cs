using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Sinks;

namespace WsLoad.Tests.Sinks;

public class CompositeRunSinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Every_sink_gets_every_interval_in_order_and_the_result()
    {
        var a = new RecordingSink("a");
        var b = new RecordingSink("b");
        var sinks = new CompositeRunSink([a, b]);

        for (var i = 0; i < 5; i++)
        {
            sinks.OnInterval(Interval(i));
        }

        var health = await sinks.DrainAsync(Patience);
        await sinks.OnEndAsync(Result, CancellationToken.None).WaitAsync(Patience);

        Assert.All([a, b], sink => Assert.Equal([0, 1, 2, 3, 4], sink.Indices));
        Assert.All([a, b], sink => Assert.Same(Result, sink.Ended));
        Assert.All(health, h => Assert.Equal((5L, 0L, 0L, true), (h.Delivered, h.Dropped, h.Failed, h.Finished)));
    }

    [Fact]
    public async Task A_sink_that_throws_is_counted_in_its_health_and_the_others_go_on()
    {
        var thrower = new ThrowingSink();
        var recorder = new RecordingSink("recorder");
        var sinks = new CompositeRunSink([thrower, recorder]);

        for (var i = 0; i < 3; i++)
        {
            sinks.OnInterval(Interval(i));
        }

        var health = await sinks.DrainAsync(Patience);

        Assert.Equal([0, 1, 2], recorder.Indices);
        var broken = Assert.Single(health, h => h.Name == "thrower");
        Assert.Equal((0L, 3L), (broken.Delivered, broken.Failed));
        Assert.Equal("InvalidOperationException: sink broke at 2", broken.LastError);
    }

    [Fact]
    public async Task A_sink_that_blocks_drops_what_its_queue_cannot_hold_and_is_reported_unfinished()
    {
        using var release = new ManualResetEventSlim();
        var blocker = new BlockingSink(release, queueCapacity: 2);
        var recorder = new RecordingSink("recorder");
        var sinks = new CompositeRunSink([blocker, recorder]);

        // OnInterval returns at once even though the blocker's handler never does.
        sinks.OnInterval(Interval(0));
        Assert.True(blocker.Entered.Wait(Patience), "the blocker's handler began");
        for (var i = 1; i < 6; i++)
        {
            sinks.OnInterval(Interval(i));
        }

        var health = await sinks.DrainAsync(TimeSpan.FromMilliseconds(300));
        await sinks.OnEndAsync(Result, CancellationToken.None).WaitAsync(Patience);
        release.Set();

        Assert.Equal([0, 1, 2, 3, 4, 5], recorder.Indices);
        var blocked = Assert.Single(health, h => h.Name == "blocker");
        Assert.False(blocked.Finished);
        Assert.Equal(0, blocked.Delivered);
        Assert.Equal(6 - 1 - 2, blocked.Dropped); // one being handled, two queued, the rest dropped
        Assert.Null(blocker.Ended); // a sink still busy with an interval is not handed the result concurrently
        Assert.Same(Result, recorder.Ended);
    }

    private static IntervalSnapshot Interval(int index) => new() { Index = index, StartSeconds = index, EndSeconds = index + 1 };

    private static RunResult Result { get; } = new()
    {
        Scenario = new WsLoad.Scenarios.Scenario { Target = new WsLoad.Scenarios.TargetOptions { Url = new Uri("ws://127.0.0.1:1/") } },
        Environment = new RunEnvironment(),
        Summary = new RunSummary { Connections = new ConnectionSummary(), Messages = new MessageSummary(), LatencyMs = new LatencySummaries() },
    };

    private sealed class RecordingSink(string name) : IRunSink
    {
        public string Name => name;

        public List<int> Indices { get; } = [];

        public RunResult? Ended { get; private set; }

        public void OnInterval(IntervalSnapshot snapshot) => Indices.Add(snapshot.Index);

        public Task OnEndAsync(RunResult result, CancellationToken cancellationToken)
        {
            Ended = result;
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingSink : IRunSink
    {
        public string Name => "thrower";

        public void OnInterval(IntervalSnapshot snapshot) => throw new InvalidOperationException($"sink broke at {snapshot.Index}");

        public Task OnEndAsync(RunResult result, CancellationToken cancellationToken) => throw new InvalidOperationException("end broke");
    }

    private sealed class BlockingSink(ManualResetEventSlim release, int queueCapacity) : RunSinkBase(queueCapacity)
    {
        public override string Name => "blocker";

        public RunResult? Ended { get; private set; }

        public ManualResetEventSlim Entered { get; } = new();

        protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
        {
            Entered.Set();
            release.Wait(Patience, CancellationToken.None); // blocks its thread and ignores the token, as a careless sink would
            return ValueTask.CompletedTask;
        }

        protected override Task HandleEndAsync(RunResult result, CancellationToken cancellationToken)
        {
            Ended = result;
            return Task.CompletedTask;
        }
    }
}
