namespace WsLoad.Planning;

/// <summary>
/// s equal steps held for a plateau P each: step k (1..s) opens at (k−1)·P and brings the count to round(N·k/s)
/// (halves round up). The ramp-up ends at s·P: the last plateau belongs to the ramp, then the hold starts.
/// </summary>
internal sealed class SteppedOpenSchedule : OpenSchedule
{
    private readonly int slotCount;
    private readonly int steps;
    private readonly long plateauTicks;

    public SteppedOpenSchedule(int slotCount, int steps, long plateauTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        this.slotCount = slotCount;
        this.steps = steps;
        this.plateauTicks = plateauTicks;
    }

    public override int SlotCount => slotCount;

    public override long RampUpEndTicks => SaturatingMultiply(steps);

    /// <summary>The count step k brings the ramp to: round(N·k/s) with halves up, in integers.</summary>
    public long CountAfterStep(int step) => ((2L * slotCount * step) + steps) / (2L * steps);

    public override long OpenAtTicks(int slot)
    {
        // Slot i opens in the first step k with round(N·k/s) > i, i.e. 2Nk + s >= 2s(i+1), i.e. k >= s(2i+1)/(2N).
        var numerator = (long)steps * ((2L * slot) + 1);
        var denominator = 2L * slotCount;
        var step = Math.Max(1, (numerator + denominator - 1) / denominator);
        return SaturatingMultiply(step - 1);
    }

    private long SaturatingMultiply(long stepCount) =>
        plateauTicks != 0 && stepCount > long.MaxValue / plateauTicks ? long.MaxValue : stepCount * plateauTicks;
}
