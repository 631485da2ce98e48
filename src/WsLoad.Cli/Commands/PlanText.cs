using WsLoad.Cli.Preflight;
using WsLoad.Planning;
using static System.FormattableString;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload plan</c>'s output, read top to bottom: the load, this machine, the target, what the plan needs (each
/// figure with the measured cost it came from), and when it does not fit, why and what to change.
/// </summary>
internal static class PlanText
{
    public static string Render(RunShape shape, TargetProbeResult probe)
    {
        var (scenario, plan) = (shape.Scenario, shape.Plan);
        var m = plan.Machine;
        var url = scenario.Target.Url;
        var lines = new List<string>
        {
            $"Plan: {scenario.Name} against {url}",
            Invariant($"  duration         {plan.DurationSeconds:0.#} s: ramp {plan.RampSeconds:0.#} s, hold {plan.HoldSeconds:0.#} s, ramp-down {plan.RampDownSeconds:0.#} s"),
            Invariant($"  connections      {plan.PeakConnections:N0} at the peak; up to {plan.PeakOpensPerSecond:N0} opened in one second"),
            Invariant($"  messages         {plan.PeakMessagesPerSecond:N0}/s at the peak, about {plan.TotalMessages:N0} in all"),
            Invariant($"This machine: {m.Cores} cores, {ResourcePlan.Gb(m.MemoryAvailableBytes)} available, {m.OpenFileLimit:N0} open files per process")
                + (m.OpenFileHardLimit is { } hard ? Invariant($" (hard limit {hard:N0})") : "")
                + Invariant($", ephemeral ports {m.PortRange ?? "?"}: {m.PortsPerAddress:N0} per source address")
                + (m.SoMaxConn is { } backlog ? Invariant($", somaxconn {backlog:N0}") : ""),
            $"Target: {url.Authority} {probe.Detail}" + (probe.Answer == TargetAnswer.Accepted ? "" : " (start it before the run)"),
            "Needs (costs measured in bench/ on a 2-core VM; a faster machine needs less CPU):",
            Invariant($"  processes        {plan.Workers}{(shape.AutoWorkers ? " (auto)" : " asked")}, {plan.WorkersNeeded} needed: {plan.ConnectionsPerWorker:N0} connections per process, ")
                + Invariant($"{plan.FilesPerProcess:N0} open files each (+{ResourceCosts.ReservedFiles:N0} for the runtime) against {m.OpenFileLimit:N0}"),
            Invariant($"  source addresses {(shape.ChosenSourceAddresses is { } chosen ? $"{plan.SourceAddresses} chosen ({chosen}: the target is on loopback)" : $"{plan.SourceAddresses} given")}, ")
                + Invariant($"{plan.SourceAddressesNeeded} needed: {plan.ConnectionsPerSourceAddress:N0} connections per address ")
                + Invariant($"against {plan.UsablePortsPerAddress:N0} usable ports ({ResourceCosts.UsablePortShare * 100:0}% of them; the rest for TIME_WAIT and others)"),
            $"  memory           client {ResourcePlan.Gb(plan.ClientMemoryBytes)} ({ResourcePlan.Gb(ResourceCosts.ClientBaseBytes)} a process + {Kb(ResourceCosts.ClientBytesPerConnection)} a connection: {ResourceCosts.ClientMemorySource})",
            $"                   kernel {ResourcePlan.Gb(plan.KernelMemoryBytes)} ({Kb(ResourceCosts.KernelBytesPerConnection)} a loopback connection, both ends: {ResourceCosts.KernelMemorySource})",
        };
        if (plan.LoopbackTarget)
        {
            lines.Add($"                   if the target is `wsload serve` here, an estimate: {ResourcePlan.Gb(plan.EmbeddedServerMemoryBytes)} "
                + $"({ResourcePlan.Gb(ResourceCosts.ServerBaseBytes)} a process + {Kb(ResourceCosts.ServerBytesPerConnection)} a connection: {ResourceCosts.ServerMemorySource})");
        }

        var connectCost = url.Scheme == "wss" ? ResourceCosts.ClientCpuSecondsPerTlsConnect : ResourceCosts.ClientCpuSecondsPerConnect;
        lines.Add(Invariant($"  client CPU       {plan.ClientCoresAtPeakRate:0.##} cores at the peak message rate ({ResourceCosts.ClientCpuSecondsPerMessage * 1e6:0.#} µs a message: {ResourceCosts.MessageCpuSource})"));
        lines.Add(Invariant($"                   {plan.ClientCoresForPeakOpens:0.##} cores for the ramp's peak connects ({connectCost * 1e3:0.##} ms a {url.Scheme}:// connect: {ResourceCosts.ConnectCpuSource})"));
        lines.AddRange(plan.Warnings.Select(w => "Warning: " + w));
        if (plan.Fits)
        {
            lines.Add("Fits as given.");
        }
        else
        {
            lines.Add("Does not fit as given:");
            lines.AddRange(plan.Problems.Select(p => "  - " + p));
            lines.Add("Change:");
            lines.AddRange(plan.Fixes.Select(f => "  " + f));
        }

        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static string Kb(long bytes) => Invariant($"{bytes / 1024.0:0.#} KB");
}
