namespace WsLoad.Planning;

/// <summary>
/// Open model: slot i arrives at i/rate, up to Max slots, and arrivals stop at the arrival duration if that comes
/// first (arrivals happen in [0, duration)), leaving fewer slots. The ramp-up ends when the last slot arrives, or
/// at the arrival duration when the duration cut the arrivals short (the model says arrivals continue that long).
/// </summary>
internal sealed class ArrivalOpenSchedule : OpenSchedule
{
    private readonly double ticksPerArrival;

    public ArrivalOpenSchedule(double ratePerSecond, int max, long durationTicks)
    {
        if (!double.IsFinite(ratePerSecond) || ratePerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "must be a positive number");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(max);
        ticksPerArrival = TimeSpan.TicksPerSecond / ratePerSecond;
        SlotCount = durationTicks == 0 ? 0 : PlanMath.CountAtOrBefore(max, durationTicks - 1, OpenAtTicks);
        RampUpEndTicks = SlotCount < max ? durationTicks : SlotCount == 0 ? 0 : OpenAtTicks(SlotCount - 1);
    }

    public override int SlotCount { get; }

    public override long RampUpEndTicks { get; }

    public override long OpenAtTicks(int slot) => PlanMath.FloorTicks(slot * ticksPerArrival);
}
