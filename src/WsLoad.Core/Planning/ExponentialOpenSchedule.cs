namespace WsLoad.Planning;

/// <summary>
/// Back-loaded ramp: the open count follows N·(e^(g·t/D) − 1)/(e^g − 1) and slot i opens when that curve reaches i,
/// i.e. at t = D/g · ln(1 + i·(e^g − 1)/N). Like the linear ramp, slot 0 opens at 0 and TargetAt(D) == N.
/// A growth of zero is the linear ramp (the limit of the formula).
/// </summary>
internal sealed class ExponentialOpenSchedule : OpenSchedule
{
    private readonly int slotCount;
    private readonly long durationTicks;
    private readonly double growth;
    private readonly LinearOpenSchedule? linear;

    public ExponentialOpenSchedule(int slotCount, long durationTicks, double growth)
    {
        if (!double.IsFinite(growth))
        {
            throw new ArgumentOutOfRangeException(nameof(growth), growth, "must be a finite number");
        }

        this.slotCount = slotCount;
        this.durationTicks = durationTicks;
        this.growth = growth;
        linear = growth == 0 ? new LinearOpenSchedule(slotCount, durationTicks) : null;
    }

    public override int SlotCount => slotCount;

    public override long RampUpEndTicks => durationTicks;

    public override long OpenAtTicks(int slot)
    {
        if (linear is not null)
        {
            return linear.OpenAtTicks(slot);
        }

        if (slot == 0 || durationTicks == 0)
        {
            return 0;
        }

        var fraction = LogOfCurveInverse(slot) / growth; // in [0, 1) mathematically; clamp rounding
        var ticks = PlanMath.FloorTicks(fraction * durationTicks);
        return Math.Min(ticks, durationTicks);
    }

    /// <summary>
    /// ln(1 + s·(e^g − 1)) with s = i/N, written so each operation is monotonic in s (so open times never go
    /// backwards through rounding) and large growth factors neither overflow nor lose precision.
    /// </summary>
    private double LogOfCurveInverse(int slot)
    {
        var share = (double)slot / slotCount;
        if (growth <= 1)
        {
            return double.LogP1(share * double.ExpM1(growth));
        }

        // 1 + s·(e^g − 1) = e^g · (s·(1 − e^−g) + e^−g).
        return growth + Math.Log((share * -double.ExpM1(-growth)) + Math.Exp(-growth));
    }
}
