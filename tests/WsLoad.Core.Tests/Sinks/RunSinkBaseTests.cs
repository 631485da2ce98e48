using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Sinks;

namespace WsLoad.Tests.Sinks;

/// <summary>The end of a sink's intervals: the hook a batching sink sends its last batch from, and the counts it reports.</summary>
public class RunSinkBaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_intervals_ended_hook_runs_once_after_the_last_interval_and_before_the_run_reads_the_health()
    {
        var sink = new BatchingSink(throwAtEnd: false);
        var sinks = new CompositeRunSink([sink]);
        for (var i = 0; i < 4; i++)
        {
            sinks.OnInterval(new IntervalSnapshot { Index = i, EndSeconds = i + 1 });
        }

        var health = Assert.Single(await sinks.DrainAsync(Patience));

        Assert.Equal([4], sink.HandledAtEnd);
        Assert.Equal(4, health.Samples?.Sent); // counted by the hook, read after it
        Assert.Equal((4L, 0L), (health.Delivered, health.Failed));
    }

    [Fact]
    public async Task A_hook_that_throws_is_counted_in_the_sink_s_health()
    {
        var sinks = new CompositeRunSink([new BatchingSink(throwAtEnd: true)]);
        sinks.OnInterval(new IntervalSnapshot { Index = 0, EndSeconds = 1 });

        var health = Assert.Single(await sinks.DrainAsync(Patience));

        Assert.Equal((1L, 1L, "InvalidOperationException: last batch broke"), (health.Delivered, health.Failed, health.LastError));
    }

    private sealed class BatchingSink(bool throwAtEnd) : RunSinkBase
    {
        private int _handled;
        private long _flushed;

        public override string Name => "batcher";

        public List<int> HandledAtEnd { get; } = [];

        protected override SinkSamples? Samples => new() { Sent = Interlocked.Read(ref _flushed) };

        protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
        {
            _handled++;
            return ValueTask.CompletedTask;
        }

        protected override Task HandleIntervalsEndedAsync(CancellationToken cancellationToken)
        {
            HandledAtEnd.Add(_handled);
            if (throwAtEnd)
            {
                throw new InvalidOperationException("last batch broke");
            }

            Interlocked.Exchange(ref _flushed, _handled);
            return Task.CompletedTask;
        }
    }
}
