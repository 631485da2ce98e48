using WsLoad.Analysis.RootCauses;
using WsLoad.Resources;
using WsLoad.Results;

namespace WsLoad.Analysis.Facts;

/// <summary>Whose CPU kept the generator's machine busy.</summary>
internal enum CpuOwner
{
    Generator,
    Server,
    Others,
}

/// <summary>
/// Whose CPU made the generator's machine busy, each a share of all cores (1 = every core): the generator's process,
/// the target server's process (null when not sampled) and the rest of the machine. The machine-cpu saturation rule
/// (<see cref="SaturationRules.MachineCpuPercent"/>) only sees the machine's total; a server on the same machine that
/// takes the cores makes the generator wait for CPU as much as its own work would, but the trouble is then the server's.
/// </summary>
internal sealed record MachineCpuUse(double Busy, double Generator, double? Server, double Others)
{
    /// <summary>The biggest user of the busy CPU; never <see cref="CpuOwner.Server"/> when the server was not sampled.</summary>
    public CpuOwner Busiest =>
        Server is double server && server >= Generator && server >= Others ? CpuOwner.Server
        : Generator >= Others ? CpuOwner.Generator
        : CpuOwner.Others;

    /// <summary>E.g. <c>the machine 100% busy: the server's process 96%, the generator's 4%, other processes 0% of the 2 cores</c>.</summary>
    public string Describe(int cores) =>
        $"the machine {Figures.Percent(Busy)} busy: " +
        (Server is double server
            ? $"the server's process {Figures.Percent(server)}, the generator's {Figures.Percent(Generator)}, other processes {Figures.Percent(Others)}"
            : $"the generator's process {Figures.Percent(Generator)}, other processes (the server's not sampled) {Figures.Percent(Others)}") +
        $" of the {cores} cores";

    /// <summary>The mean use over the <paramref name="seconds"/> with a machine and a generator sample; null when none or the cores are unknown.</summary>
    public static MachineCpuUse? Of(IEnumerable<IntervalSample> seconds, int? cores)
    {
        var sampled = seconds.Where(s => s.Machine is not null && s.Generator is not null).ToList();
        if (sampled.Count == 0 || cores is not int all)
        {
            return null;
        }

        var busy = sampled.Average(s => s.Machine!.CpuPercent) / 100;
        var generator = sampled.Average(s => s.Generator!.CpuPercent) / (100.0 * all);
        // Only a server on this machine (sampled from its process) shares this machine's CPU.
        double? server = sampled.All(s => s.Server is { Source: null, CpuPercent: not null }) ? sampled.Average(s => s.Server!.CpuPercent!.Value) / (100.0 * all) : null;
        // The three are read at slightly different moments: the rest is never negative, nor any part above the total.
        var others = Math.Max(0, busy - generator - (server ?? 0));
        return new MachineCpuUse(busy, Math.Min(generator, 1), server is double s ? Math.Min(s, 1) : null, others);
    }

    /// <summary>
    /// Whether second <paramref name="sample"/>'s saturation was the server's: the machine-cpu rule fired, none of the
    /// generator's own-work rules did (its CPU, its thread-pool queue), and the server's process was the biggest user of the
    /// machine's CPU. A send loop woken late or a work item waiting for a pool thread then waited for the CPU the server held.
    /// </summary>
    public static bool SaturatedByServer(IntervalSample sample, int? cores)
    {
        if (sample.Generator is not { Saturated: true, SaturationReasons: { } reasons })
        {
            return false;
        }

        var kinds = reasons.Select(SaturationRules.KindOf).ToList();
        return kinds.Contains(SaturationRules.MachineCpu)
            && !kinds.Contains(SaturationRules.GeneratorCpu)
            && !kinds.Contains(SaturationRules.Queue)
            && BusyWithServer(sample, cores);
    }

    /// <summary>
    /// Whether the machine was busy (the machine-cpu rule's <see cref="SaturationRules.MachineCpuPercent"/>) with the
    /// server's process its biggest user: the server then had all the CPU it could get, CPU-bound even below
    /// <see cref="ServerCpuSaturation"/>'s share of the cores.
    /// </summary>
    public static bool BusyWithServer(IntervalSample sample, int? cores) =>
        sample.Machine?.CpuPercent >= SaturationRules.MachineCpuPercent && Of([sample], cores) is { Busiest: CpuOwner.Server };
}
