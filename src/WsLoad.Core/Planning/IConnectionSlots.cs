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

    /// <summary>Whether <paramref name="slot"/> holds an established connection not yet closing (a ramp-down closes only those).</summary>
    bool IsOpen(int slot) => true;
}
