namespace WsLoad.Planning;

/// <summary>
/// What <see cref="ConnectionScheduler"/> drives: the engine's connection slots. The scheduler calls these from one
/// thread at a time, never concurrently, each slot opened once before it is closed once.
/// </summary>
internal interface IConnectionSlots
{
    /// <summary>Starts opening connection <paramref name="slot"/> and returns at once (the connect runs asynchronously).</summary>
    void Open(int slot);

    /// <summary>Starts closing connection <paramref name="slot"/> and returns at once.</summary>
    void Close(int slot);

    /// <summary>
    /// Whether <paramref name="slot"/> holds a connection, established or still connecting, that is not closing: what a
    /// ramp-down may close. Fakes that track nothing may leave it as every slot.
    /// </summary>
    bool IsOpen(int slot) => true;

    /// <summary>Closes <paramref name="slot"/> before its planned time (a ramp-down); its planned time then ends where it closed.</summary>
    void CloseEarly(int slot) => Close(slot);
}
