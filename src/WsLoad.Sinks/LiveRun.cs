using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Sinks;

/// <summary>
/// One run as live monitoring sees it before it starts: its name (the scenario's), its scenario, and its plan
/// (how many connections it peaks at and how long it lasts), so a view can draw its axes before the first second.
/// </summary>
public sealed record LiveRun(string Name, Scenario Scenario)
{
    private readonly ConnectionPlan _plan = ConnectionPlan.Create(Scenario.Connections);

    /// <summary>The connections the plan holds at its peak.</summary>
    public int PeakConnections => _plan.SlotCount;

    /// <summary>The plan's length: ramp, hold and ramp-down.</summary>
    public TimeSpan PlannedDuration => _plan.End;
}
