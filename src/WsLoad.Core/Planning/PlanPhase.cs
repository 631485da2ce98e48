namespace WsLoad.Planning;

/// <summary>Where a run is in its connection plan at a given time.</summary>
internal enum PlanPhase
{
    /// <summary>Before <see cref="ConnectionPlan.RampUpEnd"/>: connections are being opened.</summary>
    RampUp,

    /// <summary>From <see cref="ConnectionPlan.RampUpEnd"/> to <see cref="ConnectionPlan.HoldEnd"/>: all slots held open.</summary>
    Hold,

    /// <summary>From <see cref="ConnectionPlan.HoldEnd"/> to <see cref="ConnectionPlan.End"/>: slots close in reverse order.</summary>
    RampDown,

    /// <summary>At or after <see cref="ConnectionPlan.End"/>: every slot is closed.</summary>
    Done,
}
