namespace WsLoad.Planning;

/// <summary>
/// Where a run is in its connection plan at a given time. run.json and reports name them <c>ramp-up</c>, <c>hold</c>,
/// <c>ramp-down</c> and <c>closing</c> (<see cref="PlanPhases.Name"/>).
/// </summary>
public enum PlanPhase
{
    /// <summary>Before the ramp-up's end: connections are being opened.</summary>
    RampUp,

    /// <summary>From the ramp-up's end to the hold's end: all slots held open.</summary>
    Hold,

    /// <summary>From the hold's end to the plan's end: slots close in reverse order.</summary>
    RampDown,

    /// <summary>At or after the plan's end: every slot is due closed, and the run closes what is still open. No load is planned.</summary>
    Closing,
}
