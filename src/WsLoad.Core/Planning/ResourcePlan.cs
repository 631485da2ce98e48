using System.Net;
using WsLoad.Scenarios;

namespace WsLoad.Planning;

/// <summary>
/// What a scenario needs on this machine, before any socket opens (<c>wsload plan</c>, and the check before every
/// <c>run</c>): connections per process against the open-file limit, connections per source address against the
/// ephemeral ports, memory and CPU from the costs measured in bench/, and what to change when it does not fit.
/// </summary>
public sealed record ResourcePlan
{
    /// <summary>Files a process keeps besides its sockets: the runtime, its libraries, its own files.</summary>
    public const int ReservedFiles = 1_000;

    /// <summary>The share of one address's ephemeral ports a plan may use (the rest: TIME_WAIT, other programs).</summary>
    public const double UsablePortShare = 0.9;

    // Costs measured on the 2-core reference VM. Client and server memory: one process's peak RSS at 13,333
    // connections less its base (bench/results/2026-12-05T1925Z-scale-40000: client workers 130-134 MB, server
    // processes 292-296 MB; bases from bench/results/demo-load.tsv of 2026-12-04: 70 and 60 MB). Kernel: Slab growth
    // per connection, both ends on loopback (bench/results/2026-12-05T1937Z-scale-200000: 9.9 KB). CPU: the whole
    // wsload process per message (bench/results/2026-12-05T1841Z-node-echo-headline: 31.2 µs) and per connect
    // (bench/results/connect-cost.tsv at 76338e4: 0.35 ms ws://, 1.2 ms wss://).
    public const long ClientBaseBytes = 70L << 20;
    public const long ClientBytesPerConnection = 4_600;
    public const long ServerBaseBytes = 60L << 20;
    public const long ServerBytesPerConnection = 17_900;
    public const long KernelBytesPerConnection = 10_100;
    public const double ClientCpuSecondsPerMessage = 31.2e-6;
    public const double ClientCpuSecondsPerConnect = 0.35e-3;
    public const double ClientCpuSecondsPerTlsConnect = 1.2e-3;

    public required MachineLimits Machine { get; init; }

    public int Workers { get; init; }

    public int PeakConnections { get; init; }

    /// <summary>The most connections the plan opens in any one second.</summary>
    public int PeakOpensPerSecond { get; init; }

    public double DurationSeconds { get; init; }

    public double PeakMessagesPerSecond { get; init; }

    public double TotalMessages { get; init; }

    public int ConnectionsPerWorker { get; init; }

    public int WorkersNeeded { get; init; }

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
        var perProcess = Math.Max(1, machine.OpenFileLimit - ReservedFiles);
        var perWorker = (int)Math.Ceiling(peak / (double)workers);
        var workersNeeded = Math.Max(1, (int)Math.Ceiling(peak / (double)perProcess));
        var sources = SourceCount(scenario.Connections.SourceAddresses);
        var usablePorts = (int)(machine.PortsPerAddress * UsablePortShare);
        var perSource = (int)Math.Ceiling(peak / (double)Math.Max(1, sources));
        var sourcesNeeded = Math.Max(1, (int)Math.Ceiling(peak / (double)Math.Max(1, usablePorts)));
        var client = (workers * ClientBaseBytes) + (peak * ClientBytesPerConnection);
        var kernel = peak * KernelBytesPerConnection;
        var serverProcesses = workersNeeded;
        var server = (serverProcesses * ServerBaseBytes) + (peak * ServerBytesPerConnection);
        var tls = scenario.Target.Url.Scheme == "wss";

        var problems = new List<string>();
        var warnings = new List<string>();
        var fixes = new List<string>();
        if (perWorker + ReservedFiles > machine.OpenFileLimit)
        {
            problems.Add($"{perWorker:N0} connections in one process need {perWorker + ReservedFiles:N0} open files; a process may open {machine.OpenFileLimit:N0}");
            fixes.Add($"--workers {workersNeeded} (each process then holds about {Math.Ceiling(peak / (double)workersNeeded):N0})");
        }

        // Every connection goes to the target's one address and port, so one source address has its port range for all.
        if (perSource > usablePorts)
        {
            problems.Add($"{perSource:N0} connections from one source address to one address and port need as many ephemeral ports; "
                + $"one address has {machine.PortsPerAddress:N0} ({usablePorts:N0} usable)");
            fixes.Add(IsLoopback(scenario.Target.Url)
                ? $"--source 127.0.0.1-127.0.0.{sourcesNeeded} (all of 127.0.0.0/8 is loopback)"
                : $"{sourcesNeeded} local source addresses (--source A-B), or a wider port range (sysctl net.ipv4.ip_local_port_range)");
        }

        if (machine.MemoryAvailableBytes > 0 && client + kernel > machine.MemoryAvailableBytes)
        {
            problems.Add($"about {Gb(client + kernel)} of memory (client {Gb(client)}, kernel {Gb(kernel)}); {Gb(machine.MemoryAvailableBytes)} is available");
            fixes.Add("fewer connections per machine, or more machines");
        }

        var coresAtPeak = peakRate * ClientCpuSecondsPerMessage;
        var coresForOpens = opensPerSecond * (tls ? ClientCpuSecondsPerTlsConnect : ClientCpuSecondsPerConnect);
        if (coresAtPeak + coresForOpens > machine.Cores * 0.8)
        {
            warnings.Add($"the generator alone needs about {coresAtPeak + coresForOpens:0.##} of {machine.Cores} cores at the peak "
                + "(messages and connects): expect it to saturate, and the verdict to say so; spread the load over more machines or slow the ramp");
        }

        if (IsLoopback(scenario.Target.Url) && machine.SoMaxConn is { } backlog && opensPerSecond > backlog)
        {
            warnings.Add($"the plan opens up to {opensPerSecond:N0} connections a second; the listen backlog cap (net.core.somaxconn) is {backlog:N0}: "
                + "a server on this machine may refuse some (sysctl -w net.core.somaxconn=8192)");
        }

        return new ResourcePlan
        {
            Machine = machine,
            Workers = workers,
            PeakConnections = peak,
            PeakOpensPerSecond = opensPerSecond,
            DurationSeconds = plan.End.TotalSeconds,
            PeakMessagesPerSecond = peakRate,
            TotalMessages = total,
            ConnectionsPerWorker = perWorker,
            WorkersNeeded = workersNeeded,
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

    /// <summary>Gigabytes (or megabytes below one), for the plan's lines.</summary>
    public static string Gb(long bytes) => bytes >= 1L << 30
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0} MB");

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
