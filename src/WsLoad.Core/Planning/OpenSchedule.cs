namespace WsLoad.Planning;

/// <summary>
/// The ramp-up half of a <see cref="ConnectionPlan"/>: when each slot opens. One subclass per strategy, each a
/// formula of the slot index, so a million slots cost no memory. Implementations are immutable.
/// </summary>
internal abstract class OpenSchedule
{
    /// <summary>How many slots the schedule opens.</summary>
    public abstract int SlotCount { get; }

    /// <summary>When the ramp-up is over and the hold starts, in ticks since the run start.</summary>
    public abstract long RampUpEndTicks { get; }

    /// <summary>When slot <paramref name="slot"/> opens, in ticks since the run start; non-decreasing in the slot.</summary>
    public abstract long OpenAtTicks(int slot);
}
