using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// Maps connection ids (the engine's slots) to the groups run.json can name: the ramp cohort that opened them, from the
/// scenario's ramp re-planned, and the source address they were bound to (slot modulo the source addresses).
/// </summary>
internal static class ConnectionGroups
{
    /// <summary>Smooth ramps have no steps: their connections are grouped by the fifth of the ramp that opened them.</summary>
    public const int SmoothRampCohorts = 5;

    /// <summary>The cohort name of every slot; null when the scenario's plan cannot be rebuilt or the ramp has one cohort.</summary>
    public static string[]? RampCohorts(Scenario scenario)
    {
        ConnectionPlan plan;
        try
        {
            plan = ConnectionPlan.Create(scenario.Connections);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var ramp = scenario.Connections.Ramp;
        var stepped = scenario.Connections.Arrival is null && ramp.Strategy == RampStrategy.Stepped && ramp.Plateau > TimeSpan.Zero;
        var rampEnd = plan.RampUpEnd.Ticks;
        if (plan.SlotCount == 0 || (!stepped && rampEnd <= 0))
        {
            return null;
        }

        var names = new string[plan.SlotCount];
        for (var slot = 0; slot < names.Length; slot++)
        {
            var openAt = plan.OpenAt(slot).Ticks;
            names[slot] = stepped
                ? "step-" + ((openAt / ramp.Plateau.Ticks) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "ramp-fifth-" + (Math.Min(SmoothRampCohorts - 1, (int)(openAt * (double)SmoothRampCohorts / rampEnd)) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names.Distinct(StringComparer.Ordinal).Count() < 2 ? null : names;
    }

    /// <summary>The source address of every slot; null with fewer than two addresses.</summary>
    public static string[]? SourceAddresses(Scenario scenario, int slotCount)
    {
        // The engine's expansion and order, so each slot is grouped under the address it bound. A run.json edited by
        // hand into an invalid list has no groups rather than no analysis.
        System.Net.IPAddress[] sources;
        try
        {
            sources = SourceAddressList.Expand(scenario.Connections.SourceAddresses);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return sources.Length < 2 || slotCount <= 0
            ? null
            : [.. Enumerable.Range(0, slotCount).Select(slot => sources[slot % sources.Length].ToString())];
    }

    /// <summary>Connections in each group, and the distinct connections with a kept failure event in each.</summary>
    public static Dictionary<string, (long Size, long Failing, List<FailureEvent> Events)> Tally(string[] groupOfSlot, IReadOnlyList<FailureEvent> events)
    {
        var tally = groupOfSlot
            .GroupBy(g => g, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Size: (long)g.Count(), Failing: 0L, Events: new List<FailureEvent>()), StringComparer.Ordinal);
        foreach (var byConnection in events.Where(e => e.ConnectionId >= 0 && e.ConnectionId < groupOfSlot.Length).GroupBy(e => e.ConnectionId))
        {
            var group = groupOfSlot[byConnection.Key];
            var entry = tally[group];
            entry.Events.AddRange(byConnection);
            tally[group] = (entry.Size, entry.Failing + 1, entry.Events);
        }

        return tally;
    }
}
