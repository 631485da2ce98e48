namespace WsLoad.Analysis.Failures;

/// <summary>A group of a per-group pattern: the grouping (<see cref="Groupings"/>) and the group's name within it.</summary>
/// <param name="Grouping">One of <see cref="Groupings"/>.</param>
/// <param name="Name">The group, e.g. <c>step-3</c>, <c>127.0.0.2</c> or a message type name.</param>
public sealed record FailureGroup(string Grouping, string Name);

/// <summary>The groupings run.json carries.</summary>
public static class Groupings
{
    /// <summary>Connections by the ramp step (or, for smooth ramps, the fifth of the ramp) that opened them; from the failure events' connection ids and the scenario's ramp.</summary>
    public const string RampCohort = "ramp-cohort";

    /// <summary>Connections by the source address they were bound to (slot modulo the scenario's source addresses).</summary>
    public const string SourceAddress = "source-address";

    /// <summary>Messages by type, from the per-type sent and received counts.</summary>
    public const string MessageType = "message-type";
}
