namespace WsLoad.Planning;

/// <summary>
/// Slots open evenly over the duration D: slot i opens at floor(D·i/N). The first opens at 0 and the last at
/// D·(N−1)/N, so the open count is ceil-like (one already open at 0) and reaches N before D: TargetAt(D) == N.
/// </summary>
internal sealed class LinearOpenSchedule(int slotCount, long durationTicks) : OpenSchedule
{
    public override int SlotCount => slotCount;

    public override long RampUpEndTicks => durationTicks;

    public override long OpenAtTicks(int slot) => PlanMath.MulDiv(durationTicks, slot, slotCount);
}
