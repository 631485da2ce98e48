using Microsoft.Extensions.Time.Testing;
using WsLoad.Planning;
using WsLoad.Scenarios;
using static WsLoad.Tests.Planning.PlanCases;

namespace WsLoad.Tests.Planning;

/// <summary>
/// The scheduler under a fake clock: after each step of the clock, the slots it has opened and closed are exactly
/// those the plan has opened and closed by then, so the live connection count follows the plan's curve.
/// </summary>
public class ConnectionSchedulerTests
{
    private static readonly TimeSpan Tick = ConnectionScheduler.DefaultTick;

    [Theory]
    [MemberData(nameof(PlanCases.EveryStrategy), MemberType = typeof(PlanCases))]
    public async Task Each_strategy_yields_its_planned_connection_curve(string name, ConnectionOptions options)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(options);
        var clock = new FakeTimeProvider();
        var slots = new RecordingSlots(plan.SlotCount);
        var start = clock.GetTimestamp();

        var run = new ConnectionScheduler(clock).RunAsync(plan, slots, CancellationToken.None);
        await AssertFollowsPlanAsync(plan, slots, clock.GetElapsedTime(start), timeout.Token);

        while (clock.GetElapsedTime(start) < plan.End)
        {
            clock.Advance(Tick);
            await AssertFollowsPlanAsync(plan, slots, clock.GetElapsedTime(start), timeout.Token);
        }

        await run.WaitAsync(timeout.Token);
        Assert.True(slots.Violations.Count == 0, $"{name}: {string.Join("; ", slots.Violations)}");
        Assert.Equal(plan.SlotCount, slots.Closed);
    }

    [Fact]
    public async Task A_late_wake_opens_everything_due_at_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 100, duration: 10, hold: 2, rampDown: 5));
        var clock = new FakeTimeProvider();
        var slots = new RecordingSlots(plan.SlotCount);
        var run = new ConnectionScheduler(clock).RunAsync(plan, slots, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(7.3));
        await AssertFollowsPlanAsync(plan, slots, TimeSpan.FromSeconds(7.3), timeout.Token);
        Assert.Equal(74, slots.OpenNow);

        clock.Advance(TimeSpan.FromSeconds(7.7)); // past the hold, into the ramp-down
        await AssertFollowsPlanAsync(plan, slots, TimeSpan.FromSeconds(15), timeout.Token);
        Assert.Equal(40, slots.OpenNow); // 3 s into a 5 s ramp-down: 60 of 100 closed

        clock.Advance(TimeSpan.FromHours(1));
        await run.WaitAsync(timeout.Token);
        Assert.Equal(100, slots.Closed);
        Assert.Empty(slots.Violations);
    }

    [Fact]
    public async Task A_million_slots_are_opened_and_closed_in_order()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 1_000_000, duration: 1, hold: 0.5, rampDown: 1));
        var clock = new FakeTimeProvider();
        var slots = new RecordingSlots(plan.SlotCount);
        var run = new ConnectionScheduler(clock).RunAsync(plan, slots, CancellationToken.None);

        for (var step = TimeSpan.FromMilliseconds(100); step <= plan.End; step += TimeSpan.FromMilliseconds(100))
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await AssertFollowsPlanAsync(plan, slots, step, timeout.Token);
        }

        await run.WaitAsync(timeout.Token);
        Assert.Empty(slots.Violations);
    }

    [Fact]
    public async Task Cancellation_stops_opening_and_returns_without_throwing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stop = new CancellationTokenSource();
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Linear, 100, duration: 10, hold: 2));
        var clock = new FakeTimeProvider();
        var slots = new RecordingSlots(plan.SlotCount);
        var run = new ConnectionScheduler(clock).RunAsync(plan, slots, stop.Token);

        clock.Advance(TimeSpan.FromSeconds(2));
        await slots.WaitForAsync(21, 0, timeout.Token);
        stop.Cancel();
        await run.WaitAsync(timeout.Token); // completes normally: no OperationCanceledException

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(run.IsCompletedSuccessfully);
        Assert.Equal(21, slots.Opened);
        Assert.Equal(0, slots.Closed);
    }

    [Fact]
    public async Task Cancelled_before_the_start_opens_nothing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Burst, 10, hold: 1));
        var slots = new RecordingSlots(plan.SlotCount);

        await new ConnectionScheduler(new FakeTimeProvider()).RunAsync(plan, slots, new CancellationToken(canceled: true)).WaitAsync(timeout.Token);

        Assert.Equal(0, slots.Opened);
    }

    [Fact]
    public void Slots_due_at_zero_are_opened_before_run_returns()
    {
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Burst, 10, batchSize: 4, interval: 1, hold: 1));
        var slots = new RecordingSlots(plan.SlotCount);

        var run = new ConnectionScheduler(new FakeTimeProvider()).RunAsync(plan, slots, CancellationToken.None);

        Assert.Equal(4, slots.Opened);
        Assert.False(run.IsCompleted);
    }

    [Fact]
    public async Task A_failing_slot_faults_the_run()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Burst, 2, batchSize: 1, interval: 1, hold: 1));
        var clock = new FakeTimeProvider();

        var run = new ConnectionScheduler(clock).RunAsync(plan, new ThrowingSlots(), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(timeout.Token));
    }

    [Fact]
    public async Task A_slot_failing_at_the_start_faults_the_task_instead_of_throwing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var plan = ConnectionPlan.Create(Ramp(RampStrategy.Burst, 2, hold: 1));

        var run = new ConnectionScheduler(new FakeTimeProvider()).RunAsync(plan, new ThrowingSlots(), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(timeout.Token));
    }

    private static async Task AssertFollowsPlanAsync(ConnectionPlan plan, RecordingSlots slots, TimeSpan now, CancellationToken ct)
    {
        await slots.WaitForAsync(plan.OpenedBy(now), plan.ClosedBy(now), ct);
        Assert.Equal(plan.TargetAt(now), slots.OpenNow);
    }

    private sealed class ThrowingSlots : IConnectionSlots
    {
        public void Open(int slot)
        {
            if (slot > 0)
            {
                throw new InvalidOperationException("the engine failed");
            }
        }

        public void Close(int slot)
        {
        }
    }
}
