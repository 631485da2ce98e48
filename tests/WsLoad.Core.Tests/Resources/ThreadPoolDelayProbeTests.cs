using WsLoad.Resources;

namespace WsLoad.Tests.Resources;

/// <summary>The thread-pool delay probe, on a hand-driven clock and a queue the test runs by hand.</summary>
public sealed class ThreadPoolDelayProbeTests
{
    private const long TicksPerMs = 1_000;

    private readonly Queue<IThreadPoolWorkItem> _pool = new();
    private long _now;

    [Fact]
    public void A_probe_that_waits_counts_with_its_age_and_then_with_its_whole_wait()
    {
        using var probe = new ThreadPoolDelayProbe(() => _now, TicksPerMs * 1000, _pool.Enqueue);

        probe.Tick();
        _now = 300 * TicksPerMs;
        probe.Tick(); // still waiting: no second probe
        Assert.Single(_pool);
        Assert.Equal(300, probe.TakeMaxMs()); // a stall still going on is seen

        _now = 450 * TicksPerMs;
        _pool.Dequeue().Execute();
        _now = 500 * TicksPerMs;
        Assert.Equal(450, probe.TakeMaxMs());
        Assert.Equal(0, probe.TakeMaxMs()); // taken: the next interval starts afresh
    }

    [Fact]
    public void The_maximum_of_an_interval_is_its_longest_wait()
    {
        using var probe = new ThreadPoolDelayProbe(() => _now, TicksPerMs * 1000, _pool.Enqueue);
        foreach (var waitMs in new long[] { 2, 40, 7 })
        {
            probe.Tick();
            _now += waitMs * TicksPerMs;
            _pool.Dequeue().Execute();
            _now += 20 * TicksPerMs;
        }

        Assert.Equal(40, probe.TakeMaxMs());
    }

    [Fact]
    public void Only_the_system_clock_gets_a_running_probe()
    {
        Assert.Null(ThreadPoolDelayProbe.StartFor(new Microsoft.Extensions.Time.Testing.FakeTimeProvider()));
        using var real = ThreadPoolDelayProbe.StartFor(TimeProvider.System);
        Assert.NotNull(real);
    }
}
