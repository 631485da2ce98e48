namespace WsLoad.Planning;

/// <summary>
/// All slots at once (batch size 0), or batches of the batch size every interval, the last batch possibly smaller.
/// The ramp-up ends when the last batch opens.
/// </summary>
internal sealed class BurstOpenSchedule : OpenSchedule
{
    private readonly int slotCount;
    private readonly int batchSize;
    private readonly long intervalTicks;

    public BurstOpenSchedule(int slotCount, int batchSize, long intervalTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        this.slotCount = slotCount;
        this.batchSize = batchSize == 0 ? Math.Max(slotCount, 1) : batchSize;
        this.intervalTicks = intervalTicks;
    }

    public override int SlotCount => slotCount;

    public override long RampUpEndTicks => slotCount == 0 ? 0 : OpenAtTicks(slotCount - 1);

    public override long OpenAtTicks(int slot)
    {
        long batch = slot / batchSize;
        return intervalTicks != 0 && batch > long.MaxValue / intervalTicks ? long.MaxValue : batch * intervalTicks;
    }
}
