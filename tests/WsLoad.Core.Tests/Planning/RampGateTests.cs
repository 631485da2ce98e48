using Microsoft.Extensions.Time.Testing;
using WsLoad.Planning;
using WsLoad.Scenarios;
using static WsLoad.Tests.Planning.PlanCases;

namespace WsLoad.Tests.Planning;

/// <summary>A checkpoint steering the scheduler through its <see cref="RampGate"/>: holding the ramp, and ramping down.</summary>
public class RampGateTests
{
    [Fact]
    public async Task A_paused_ramp_opens_nothing_and_goes_on_where_it_stopped()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 100, duration: 10, hold: 10));
        var clock = new FakeTimeProvider();
        using var gate = new RampGate(clock);
        var slots = new GateSlots(plan.SlotCount);
        var run = new ConnectionScheduler(clock).RunAsync(plan, slots, CancellationToken.None, gate);

        // Slot i opens at i × 0.1 s: 31 are open at 3 s.
        await AdvanceToAsync(clock, 3, slots, opened: 31, timeout.Token);
        gate.Pause();
        await AdvanceToAsync(clock, 8, slots, opened: 31, timeout.Token);
        gate.Resume(); // paused for 5 s: the ramp's clock now reads 3 s at 8 s
        await AdvanceToAsync(clock, 9, slots, opened: 41, timeout.Token);
        await AdvanceToAsync(clock, 15, slots, opened: 100, timeout.Token);

        clock.Advance(TimeSpan.FromHours(1));
        await run.WaitAsync(timeout.Token);
        Assert.Equal(100, slots.Closed);
    }

    [Fact]
    public async Task A_ramp_held_past_the_holds_end_opens_nothing_more_and_the_run_ends_on_time()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 100, duration: 10, hold: 10));
        var clock = new FakeTimeProvider();
        using var gate = new RampGate(clock);
        var slots = new GateSlots(plan.SlotCount);
        var run = new ConnectionScheduler(clock).RunAsync(plan, slots, CancellationToken.None, gate);

        await AdvanceToAsync(clock, 3, slots, opened: 31, timeout.Token);
        gate.Pause();
        await AdvanceToAsync(clock, 18, slots, opened: 31, timeout.Token);
        gate.Resume(); // 15 s held: at the hold's end (20 s) the ramp's clock reads 5 s
        await AdvanceToAsync(clock, 19.9, slots, opened: 50, timeout.Token);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await run.WaitAsync(timeout.Token);

        Assert.Equal(50, slots.Opened);
        Assert.Equal(0, slots.OpenNow);
    }

    [Fact]
    public async Task A_ramp_down_by_share_closes_that_share_of_the_open_connections_latest_first()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 100, duration: 10, hold: 10));
        var clock = new FakeTimeProvider();
        using var gate = new RampGate(clock);
        var slots = new GateSlots(plan.SlotCount);
        var run = new ConnectionScheduler(clock).RunAsync(plan, slots, CancellationToken.None, gate);
        await AdvanceToAsync(clock, 12, slots, opened: 100, timeout.Token);

        var outcome = await gate.RequestRampDown(0.4, null).WaitAsync(timeout.Token);

        Assert.Equal(new RampDownOutcome(40, 100), outcome);
        Assert.Equal(60, slots.OpenNow);
        Assert.All(Enumerable.Range(60, 40), slot => Assert.False(slots.IsOpen(slot)));
        clock.Advance(TimeSpan.FromHours(1));
        await run.WaitAsync(timeout.Token);
        Assert.Equal(0, slots.OpenNow);
    }

    [Fact]
    public async Task A_ramp_down_to_a_count_mid_ramp_closes_down_to_it_and_ends_the_ramp()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 100, duration: 10, hold: 10));
        var clock = new FakeTimeProvider();
        using var gate = new RampGate(clock);
        var slots = new GateSlots(plan.SlotCount);
        var run = new ConnectionScheduler(clock).RunAsync(plan, slots, CancellationToken.None, gate);
        await AdvanceToAsync(clock, 5, slots, opened: 51, timeout.Token);

        var outcome = await gate.RequestRampDown(null, 20).WaitAsync(timeout.Token);

        Assert.Equal(new RampDownOutcome(31, 51), outcome);
        await AdvanceToAsync(clock, 15, slots, opened: 51, timeout.Token);
        Assert.Equal(20, slots.OpenNow);
        clock.Advance(TimeSpan.FromHours(1));
        await run.WaitAsync(timeout.Token);
    }

    [Theory]
    [InlineData(0.5, null, 7, 4)]
    [InlineData(0.01, null, 7, 1)]
    [InlineData(1.0, null, 7, 7)]
    [InlineData(null, 3, 7, 4)]
    [InlineData(null, 10, 7, 0)]
    [InlineData(null, 0, 7, 7)]
    public void The_count_to_close_rounds_a_share_up_and_never_goes_below_the_count(double? share, int? to, int open, int expected) =>
        Assert.Equal(expected, new RampDownRequest(share, to).CountToClose(open));

    /// <summary>Advances the clock to <paramref name="seconds"/> since the start, then waits until the scheduler has opened <paramref name="opened"/>.</summary>
    private static async Task AdvanceToAsync(FakeTimeProvider clock, double seconds, GateSlots slots, int opened, CancellationToken ct)
    {
        var to = TimeSpan.FromSeconds(seconds);
        var step = TimeSpan.FromMilliseconds(10);
        while (clock.GetUtcNow() - clock.Start < to)
        {
            clock.Advance(step);
            await Task.Yield();
        }

        await slots.WaitForOpenedAsync(opened, ct);
        await Task.Delay(20, ct); // a late open would show here
        Assert.Equal(opened, slots.Opened);
    }

    /// <summary>Slots that track what is open; a close of a slot already closed is ignored, as the engine ignores it.</summary>
    private sealed class GateSlots(int count) : IConnectionSlots
    {
        private readonly Lock _lock = new();
        private readonly bool[] _open = new bool[count];

        public int Opened { get; private set; }

        public int Closed { get; private set; }

        public int OpenNow
        {
            get
            {
                lock (_lock)
                {
                    return _open.Count(o => o);
                }
            }
        }

        public void Open(int slot)
        {
            lock (_lock)
            {
                _open[slot] = true;
                Opened++;
            }
        }

        public void Close(int slot)
        {
            lock (_lock)
            {
                if (_open[slot])
                {
                    _open[slot] = false;
                    Closed++;
                }
            }
        }

        public bool IsOpen(int slot)
        {
            lock (_lock)
            {
                return _open[slot];
            }
        }

        public async Task WaitForOpenedAsync(int opened, CancellationToken ct)
        {
            while (Opened < opened)
            {
                await Task.Delay(5, ct);
            }
        }
    }
}
