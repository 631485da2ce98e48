namespace WsLoad.Planning;

/// <summary>The names of the <see cref="PlanPhase"/>s as run.json, reports and thresholds spell them.</summary>
public static class PlanPhases
{
    public const string RampUpName = "ramp-up";

    public const string HoldName = "hold";

    public const string RampDownName = "ramp-down";

    /// <summary>After the plan's end: closing every connection may load the machine, but no load is planned.</summary>
    public const string ClosingName = "closing";

    /// <summary>Every phase, in the order a run goes through them.</summary>
    public static IReadOnlyList<PlanPhase> All { get; } = [PlanPhase.RampUp, PlanPhase.Hold, PlanPhase.RampDown, PlanPhase.Closing];

    /// <summary><c>ramp-up</c>, <c>hold</c>, <c>ramp-down</c> or <c>closing</c>.</summary>
    public static string Name(this PlanPhase phase) => phase switch
    {
        PlanPhase.RampUp => RampUpName,
        PlanPhase.Hold => HoldName,
        PlanPhase.RampDown => RampDownName,
        PlanPhase.Closing => ClosingName,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    /// <summary>The phase named <paramref name="name"/> (as <see cref="Name"/> spells it); false for any other text.</summary>
    public static bool TryParse(string? name, out PlanPhase phase)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                phase = candidate;
                return true;
            }
        }

        phase = default;
        return false;
    }
}
