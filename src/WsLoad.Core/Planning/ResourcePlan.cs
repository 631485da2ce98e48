using System.Net;
using WsLoad.Scenarios;
using static System.FormattableString;

namespace WsLoad.Planning;

/// <summary>
/// What a scenario needs on this machine, before any socket opens (<c>wsload plan</c>, and the check before every
/// <c>run</c>): connections per process against the open-file limit, connections per source address against the
/// ephemeral ports, memory and CPU from the costs measured in bench/, and what to change when it does not fit.
/// </summary>
public sealed record ResourcePlan
{
    public required MachineLimits Machine { get; init; }

    public int Workers { get; init; }

    public int PeakConnections { get; init; }

    /// <summary>The most connections the plan opens in any one second.</summary>
    public int PeakOpensPerSecond { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Until the last planned open (or the arrivals' end).</summary>
    public double RampSeconds { get; init; }

    public double HoldSeconds { get; init; }

    public double RampDownSeconds { get; init; }

    public double PeakMessagesPerSecond { get; init; }

    public double TotalMessages { get; init; }

    public int ConnectionsPerWorker { get; init; }

    public int WorkersNeeded { get; init; }

    /// <summary>Open files one process needs: its share of the connections and what it keeps besides (<see cref="ResourceCosts.ReservedFiles"/>).</summary>
    public long FilesPerProcess => ConnectionsPerWorker + (long)ResourceCosts.ReservedFiles;

    /// <summary>Ephemeral ports a plan may use from one source address toward one address and port.</summary>
    public int UsablePortsPerAddress => (int)(Machine.PortsPerAddress * ResourceCosts.UsablePortShare);

    /// <summary>The target is on this machine (127.0.0.0/8, ::1, localhost): its server shares the memory and CPU.</summary>
    public bool LoopbackTarget { get; init; }

    public int SourceAddresses { get; init; }

    public int SourceAddressesNeeded { get; init; }

    public int ConnectionsPerSourceAddress { get; init; }

    public long ClientMemoryBytes { get; init; }

    public long KernelMemoryBytes { get; init; }

    /// <summary>If the target is <c>wsload serve</c> on this machine: its processes' memory.</summary>
    public long EmbeddedServerMemoryBytes { get; init; }

    public double ClientCoresAtPeakRate { get; init; }

    public double ClientCoresForPeakOpens { get; init; }

    /// <summary>Why the plan cannot run as given; empty when it fits.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Not a reason to stop, but a reason to expect a saturated generator or a refused connect.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What to change, as flags where there is one.</summary>
    public IReadOnlyList<string> Fixes { get; init; } = [];

    public bool Fits => Problems.Count == 0;

    /// <summary>The plan for <paramref name="scenario"/> in <paramref name="workers"/> processes on <paramref name="machine"/>.</summary>
    public static ResourcePlan For(Scenario scenario, int workers, MachineLimits machine)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(machine);
        var plan = ConnectionPlan.Create(scenario.Connections);
        var peak = scenario.Connections.Arrival?.Max ?? plan.SlotCount;
        var messages = scenario.Messages;
        var peakRate = messages.TotalRatePerSecond ?? (messages.InFlight is null ? messages.RatePerSecond * peak : 0);
        var connectionSeconds = Enumerable.Range(0, plan.SlotCount).Sum(s => (plan.CloseAt(s) - plan.OpenAt(s)).TotalSeconds);
        var total = messages.TotalRatePerSecond is { } totalRate
            ? totalRate * Math.Max(0, (plan.End - (plan.SlotCount > 0 ? plan.OpenAt(0) : TimeSpan.Zero)).TotalSeconds)
            : messages.RatePerSecond * connectionSeconds;
        var opensPerSecond = Enumerable.Range(0, plan.SlotCount).GroupBy(s => (long)plan.OpenAt(s).TotalSeconds).Select(g => g.Count()).DefaultIfEmpty(0).Max();

        workers = Math.Max(1, workers);
        var workersNeeded = WorkersNeededFor(peak, machine);
        var perWorker = (int)Math.Ceiling(peak / (double)workers);
        var sources = SourceCount(scenario.Connections.SourceAddresses);
        var usablePorts = (int)(machine.PortsPerAddress * ResourceCosts.UsablePortShare);
        var perSource = (int)Math.Ceiling(peak / (double)Math.Max(1, sources));
        var sourcesNeeded = Math.Max(1, (int)Math.Ceiling(peak / (double)Math.Max(1, usablePorts)));
        var client = (workers * ResourceCosts.ClientBaseBytes) + (peak * ResourceCosts.ClientBytesPerConnection);
        var kernel = peak * ResourceCosts.KernelBytesPerConnection;

        // `wsload demo` and the scale runs give the server as many processes as the client needs.
        var server = (workersNeeded * ResourceCosts.ServerBaseBytes) + (peak * ResourceCosts.ServerBytesPerConnection);
        var tls = scenario.Target.Url.Scheme == "wss";
        var coresAtPeak = peakRate * ResourceCosts.ClientCpuSecondsPerMessage;
        var coresForOpens = opensPerSecond * (tls ? ResourceCosts.ClientCpuSecondsPerTlsConnect : ResourceCosts.ClientCpuSecondsPerConnect);
        var loopback = IsLoopback(scenario.Target.Url);

        var problems = new List<string>();
        var warnings = new List<string>();
        var fixes = new List<string>();
        var files = perWorker + (long)ResourceCosts.ReservedFiles;
        if (files > machine.OpenFileLimit)
        {
            problems.Add(Invariant($"{perWorker:N0} connections in one process need {files:N0} open files; a process may open {machine.OpenFileLimit:N0}"));
            fixes.Add(Invariant($"--workers {workersNeeded} (each process then holds about {Math.Ceiling(peak / (double)workersNeeded):N0})"));

            // The .NET runtime raises its soft limit to the hard one at start, so only the hard limit helps.
            fixes.Add(Invariant($"or raise the hard open-file limit to {files} (ulimit -Hn {files} as root, LimitNOFILE= in systemd, nofile in /etc/security/limits.conf)"));
        }

        // Every connection goes to the target's one address and port, so one source address has its port range for all.
        if (perSource > usablePorts)
        {
            problems.Add(Invariant($"{perSource:N0} connections from one source address to one address and port need as many ephemeral ports; ")
                + Invariant($"one address has {machine.PortsPerAddress:N0} ({usablePorts:N0} usable)"));
            fixes.Add(loopback
                ? Invariant($"--source 127.0.0.1-127.0.0.{sourcesNeeded} (all of 127.0.0.0/8 is loopback)")
                : Invariant($"{sourcesNeeded} local source addresses (--source A-B, each configured on an interface here)"));
            var widest = (int)((65_535 - 1_024 + 1) * ResourceCosts.UsablePortShare);
            if (perSource <= widest)
            {
                fixes.Add("or a wider ephemeral port range: sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\"");
            }
        }

        if (machine.MemoryAvailableBytes > 0 && client + kernel > machine.MemoryAvailableBytes)
        {
            problems.Add($"about {Gb(client + kernel)} of memory (client {Gb(client)}, kernel {Gb(kernel)}); {Gb(machine.MemoryAvailableBytes)} is available");
            fixes.Add("fewer connections per machine, or more machines");
        }
        else if (loopback && machine.MemoryAvailableBytes > 0 && client + kernel + server > machine.MemoryAvailableBytes)
        {
            warnings.Add($"with `wsload serve` on this machine as the target, about {Gb(client + kernel + server)} of memory; {Gb(machine.MemoryAvailableBytes)} is available");
        }

        if (coresAtPeak + coresForOpens > machine.Cores * 0.8)
        {
            warnings.Add(Invariant($"the generator alone needs about {coresAtPeak + coresForOpens:0.##} of {machine.Cores} cores at the peak ")
                + "(messages and connects): expect it to saturate, and the verdict to say so; spread the load over more machines or slow the ramp");
        }

        if (loopback && machine.SoMaxConn is { } backlog && opensPerSecond > backlog)
        {
            warnings.Add(Invariant($"the plan opens up to {opensPerSecond:N0} connections a second; the listen backlog cap (net.core.somaxconn) is {backlog:N0}: ")
                + Invariant($"a server on this machine may refuse some (sysctl -w net.core.somaxconn={Math.Max(8_192, opensPerSecond)})"));
        }

        return new ResourcePlan
        {
            Machine = machine,
            Workers = workers,
            PeakConnections = peak,
            PeakOpensPerSecond = opensPerSecond,
            DurationSeconds = plan.End.TotalSeconds,
            RampSeconds = plan.RampUpEnd.TotalSeconds,
            HoldSeconds = (plan.HoldEnd - plan.RampUpEnd).TotalSeconds,
            RampDownSeconds = (plan.End - plan.HoldEnd).TotalSeconds,
            PeakMessagesPerSecond = peakRate,
            TotalMessages = total,
            ConnectionsPerWorker = perWorker,
            WorkersNeeded = workersNeeded,
            LoopbackTarget = loopback,
            SourceAddresses = sources,
            SourceAddressesNeeded = sourcesNeeded,
            ConnectionsPerSourceAddress = perSource,
            ClientMemoryBytes = client,
            KernelMemoryBytes = kernel,
            EmbeddedServerMemoryBytes = server,
            ClientCoresAtPeakRate = coresAtPeak,
            ClientCoresForPeakOpens = coresForOpens,
            Problems = problems,
            Warnings = warnings,
            Fixes = fixes,
        };
    }

    /// <summary>
    /// <c>--workers auto</c>: the fewest processes whose open-file limit holds the plan's peak connections. Memory and
    /// CPU do not shrink with more processes on one machine (each adds a base), so they do not count here.
    /// </summary>
    public static int AutoWorkers(Scenario scenario, MachineLimits machine)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(machine);
        return WorkersNeededFor(scenario.Connections.Arrival?.Max ?? ConnectionPlan.Create(scenario.Connections).SlotCount, machine);
    }

    /// <summary>Gigabytes (or megabytes below one), for the plan's lines.</summary>
    public static string Gb(long bytes) => bytes >= 1L << 30
        ? Invariant($"{bytes / (double)(1L << 30):0.0} GB")
        : Invariant($"{bytes / (double)(1L << 20):0} MB");

    private static int WorkersNeededFor(int peak, MachineLimits machine) =>
        Math.Max(1, (int)Math.Ceiling(peak / (double)Math.Max(1, machine.OpenFileLimit - ResourceCosts.ReservedFiles)));

    private static int SourceCount(IReadOnlyList<string> entries)
    {
        try
        {
            return Math.Max(1, SourceAddressList.Expand(entries).Length);
        }
        catch (ArgumentException)
        {
            return 1; // the validator reports it
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
