using WsLoad.Scenarios;

namespace WsLoad.Planning;

/// <summary>
/// When each connection slot opens and closes: a pure, immutable schedule with no clock, computed by formula so
/// that even a million slots take constant memory. Times are offsets from the run start.
/// </summary>
/// <remarks>
/// <para>Slots 0..<see cref="SlotCount"/>−1 open in index order (<see cref="OpenAt"/> is non-decreasing) during the
/// ramp-up, are all held until <see cref="HoldEnd"/>, then close in reverse order, evenly over the ramp-down:
/// the j-th slot to close (slot N−1−j) closes at HoldEnd + floor(R·(j+1)/N), so the last closes exactly at
/// <see cref="End"/>; with no ramp-down all close at <see cref="HoldEnd"/>.</para>
/// <para>A slot counts as open at t when it opened at or before t and closes after t (<see cref="TargetAt"/>).
/// Times are whole ticks, rounded down, so counts are exact integers. Immutable, so safe to share across threads.</para>
/// <para>A plan for an <see cref="ExecutionSegment"/> holds only that segment's slots, numbered 0..<see cref="SlotCount"/>−1
/// locally, each at the open and close time of its global slot (<see cref="GlobalSlot"/>); the phases are the global
/// ones. The above holds for its slots as for the whole plan's. For <see cref="ExecutionSegment.Full"/> local and global
/// slots are the same.</para>
/// </remarks>
internal sealed class ConnectionPlan
{
    private readonly OpenSchedule opening;
    private readonly long rampDownTicks;
    private readonly SegmentSlots slots;

    private ConnectionPlan(OpenSchedule opening, long holdTicks, long rampDownTicks, ExecutionSegment segment)
    {
        this.opening = opening;
        this.rampDownTicks = rampDownTicks;
        slots = segment.SlotsOf(opening.SlotCount);
        Segment = segment;
        RampUpEnd = TimeSpan.FromTicks(opening.RampUpEndTicks);
        HoldEnd = TimeSpan.FromTicks(PlanMath.SaturatingAdd(opening.RampUpEndTicks, holdTicks));
        End = TimeSpan.FromTicks(PlanMath.SaturatingAdd(HoldEnd.Ticks, rampDownTicks));
    }

    /// <summary>
    /// How many slots the plan opens: the connection count, or for arrivals the number that arrive in time; for a
    /// segment, those of its share.
    /// </summary>
    public int SlotCount => slots.Count;

    /// <summary>How many slots the whole plan opens, across all segments.</summary>
    public int GlobalSlotCount => slots.GlobalCount;

    /// <summary>The share of the run this plan holds; <see cref="ExecutionSegment.Full"/> for the whole plan.</summary>
    public ExecutionSegment Segment { get; }

    /// <summary>This segment's share of <c>messages.totalRate</c>, as <see cref="ExecutionSegment"/> explains; 1 for the whole plan.</summary>
    public Rational TotalRateShare => slots.TotalRateShare;

    /// <summary>End of the ramp-up: the ramp duration (linear, exponential), steps × plateau (stepped), the last batch (burst) or arrival.</summary>
    public TimeSpan RampUpEnd { get; }

    /// <summary>End of the hold: <see cref="RampUpEnd"/> + hold. The ramp-down starts here.</summary>
    public TimeSpan HoldEnd { get; }

    /// <summary>End of the ramp-down and of the plan: <see cref="HoldEnd"/> + ramp-down. Every slot is closed by then.</summary>
    public TimeSpan End { get; }

    /// <summary>Plans <paramref name="options"/>. Arrival options, when set, take the place of the ramp.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count, duration, step count, batch size or rate is out of range.</exception>
    public static ConnectionPlan Create(ConnectionOptions options) => Create(options, ExecutionSegment.Full);

    /// <summary>Plans <paramref name="segment"/>'s share of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count, duration, step count, batch size or rate is out of range.</exception>
    public static ConnectionPlan Create(ConnectionOptions options, ExecutionSegment segment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(segment);
        var hold = PlanMath.NonNegativeTicks(options.Hold, "Hold");
        var rampDown = PlanMath.NonNegativeTicks(options.RampDown, "RampDown");
        return new ConnectionPlan(CreateOpening(options), hold, rampDown, segment);
    }

    /// <summary>
    /// The global id of <paramref name="slot"/>: unique across the segments of a run, so it is the connection's id
    /// (correlation stamps carry it). Increasing in <paramref name="slot"/>.
    /// </summary>
    public int GlobalSlot(int slot) => slots.GlobalSlot(slot);

    /// <summary>When <paramref name="slot"/> opens.</summary>
    public TimeSpan OpenAt(int slot) => TimeSpan.FromTicks(OpenAtTicks(CheckSlot(slot)));

    /// <summary>When <paramref name="slot"/> closes: later slots close first.</summary>
    public TimeSpan CloseAt(int slot) => TimeSpan.FromTicks(CloseAtTicksByOrder(SlotCount - 1 - CheckSlot(slot)));

    /// <summary>The slot that closes <paramref name="order"/>-th (0 = first to close): slots close in reverse order of opening.</summary>
    public int SlotClosingAt(int order) => SlotCount - 1 - CheckSlot(order);

    /// <summary>How many slots have opened at or before <paramref name="time"/> (closed ones included).</summary>
    public int OpenedBy(TimeSpan time) => PlanMath.CountAtOrBefore(SlotCount, time.Ticks, OpenAtTicks);

    /// <summary>How many slots have closed at or before <paramref name="time"/>.</summary>
    public int ClosedBy(TimeSpan time) => PlanMath.CountAtOrBefore(SlotCount, time.Ticks, CloseAtTicksByOrder);

    /// <summary>The number of slots planned open at <paramref name="time"/>: opened and not yet closed.</summary>
    public int TargetAt(TimeSpan time) => OpenedBy(time) - ClosedBy(time);

    /// <summary>The phase at <paramref name="time"/>; each boundary belongs to the later phase.</summary>
    public PlanPhase At(TimeSpan time) =>
        time >= End ? PlanPhase.Closing
        : time >= HoldEnd ? PlanPhase.RampDown
        : time >= RampUpEnd ? PlanPhase.Hold
        : PlanPhase.RampUp;

    private static OpenSchedule CreateOpening(ConnectionOptions options)
    {
        if (options.Arrival is { } arrival)
        {
            var arrivalTicks = PlanMath.NonNegativeTicks(arrival.Duration, "Arrival.Duration");
            return new ArrivalOpenSchedule(arrival.RatePerSecond, arrival.Max, arrivalTicks);
        }

        var count = options.Count;
        ArgumentOutOfRangeException.ThrowIfNegative(count, "Count");
        var ramp = options.Ramp;
        return ramp.Strategy switch
        {
            RampStrategy.Linear => new LinearOpenSchedule(count, PlanMath.NonNegativeTicks(ramp.Duration, "Ramp.Duration")),
            RampStrategy.Exponential => new ExponentialOpenSchedule(count, PlanMath.NonNegativeTicks(ramp.Duration, "Ramp.Duration"), ramp.Growth),
            RampStrategy.Stepped => new SteppedOpenSchedule(count, ramp.Steps, PlanMath.NonNegativeTicks(ramp.Plateau, "Ramp.Plateau")),
            RampStrategy.Burst => new BurstOpenSchedule(count, ramp.BatchSize ?? 0, PlanMath.NonNegativeTicks(ramp.Interval, "Ramp.Interval")),
            _ => throw new ArgumentOutOfRangeException(nameof(options), ramp.Strategy, "unknown ramp strategy"),
        };
    }

    private long OpenAtTicks(int slot) => opening.OpenAtTicks(slots.GlobalSlot(slot));

    /// <summary>When the <paramref name="order"/>-th of this plan's slots to close closes: at its global slot's close time.</summary>
    private long CloseAtTicksByOrder(int order)
    {
        var globalOrder = GlobalSlotCount - 1 - slots.GlobalSlot(SlotCount - 1 - order);
        return PlanMath.SaturatingAdd(HoldEnd.Ticks, PlanMath.MulDiv(rampDownTicks, globalOrder + 1L, GlobalSlotCount));
    }

    private int CheckSlot(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, SlotCount);
        return slot;
    }
}
