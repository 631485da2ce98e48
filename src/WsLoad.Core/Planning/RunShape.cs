using System.Net;
using System.Net.Sockets;
using WsLoad.Scenarios;
using static System.FormattableString;

namespace WsLoad.Planning;

/// <summary>
/// What wsload chooses itself when a run leaves it open: the worker count for <c>--workers auto</c>, and loopback
/// source addresses when the target is on 127.0.0.0/8, none are given, and one address's ephemeral ports cannot hold
/// the peak. <c>plan</c>, <c>run</c> and <c>demo</c> all shape their scenario here, so what plan says is what run does.
/// From C#: <c>RunShape.Choose(scenario, null, MachineLimits.Read())</c>, then run <see cref="Scenario"/> with
/// <see cref="Workers"/>.
/// </summary>
public sealed record RunShape
{
    /// <summary>127.0.0.1 to 127.0.0.254: past that the choice is left to the user (the plan says what is short).</summary>
    public const int MostLoopbackSources = 254;

    /// <summary>The scenario to run: the given one, with <see cref="ChosenSourceAddresses"/> when they were chosen here.</summary>
    public required Scenario Scenario { get; init; }

    public required int Workers { get; init; }

    /// <summary>The count was chosen here (<c>--workers auto</c>), not given.</summary>
    public bool AutoWorkers { get; init; }

    /// <summary>The loopback range chosen here, such as 127.0.0.1-127.0.0.4; null when the scenario's own (or none) stands.</summary>
    public string? ChosenSourceAddresses { get; init; }

    /// <summary>The plan of the shaped scenario in <see cref="Workers"/> processes.</summary>
    public required ResourcePlan Plan { get; init; }

    /// <summary>Shape <paramref name="scenario"/> for <paramref name="machine"/>; a null <paramref name="workers"/> is auto.</summary>
    public static RunShape Choose(Scenario scenario, int? workers, MachineLimits machine)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(machine);
        var count = workers ?? ResourcePlan.AutoWorkers(scenario, machine);
        var plan = ResourcePlan.For(scenario, count, machine);
        string? chosen = null;
        if (scenario.Connections.SourceAddresses.Count == 0
            && plan.SourceAddressesNeeded is > 1 and <= MostLoopbackSources
            && IsIPv4Loopback(scenario.Target.Url))
        {
            chosen = Invariant($"127.0.0.1-127.0.0.{plan.SourceAddressesNeeded}");
            scenario = scenario with { Connections = scenario.Connections with { SourceAddresses = [chosen] } };
            plan = ResourcePlan.For(scenario, count, machine);
        }

        return new RunShape { Scenario = scenario, Workers = count, AutoWorkers = workers is null, ChosenSourceAddresses = chosen, Plan = plan };
    }

    /// <summary>One line on what was chosen here, for the console; null when nothing was.</summary>
    public string? Describe()
    {
        var parts = new List<string>();
        if (AutoWorkers && Workers > 1)
        {
            parts.Add(Invariant($"{Workers} worker processes (--workers auto: {Plan.ConnectionsPerWorker:N0} connections each against {Plan.Machine.OpenFileLimit:N0} open files)"));
        }

        if (ChosenSourceAddresses is not null)
        {
            parts.Add(Invariant($"source addresses {ChosenSourceAddresses} (one address has {Plan.UsablePortsPerAddress:N0} usable ports toward the target; {Plan.ConnectionsPerSourceAddress:N0} connections each)"));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    // Only an IPv4 literal: "localhost" may resolve to ::1, which a 127.0.0.x source cannot reach.
    private static bool IsIPv4Loopback(Uri url) =>
        IPAddress.TryParse(url.Host, out var address) && address.AddressFamily == AddressFamily.InterNetwork && IPAddress.IsLoopback(address);
}
