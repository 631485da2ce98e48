using System.Globalization;

namespace WsLoad.Planning;

/// <summary>
/// What bounds a run on this machine: cores, available memory, the open-file limit of one process, and the ephemeral
/// ports one source address has toward one destination. Read from /proc on Linux; elsewhere the defaults stand.
/// </summary>
public sealed record MachineLimits
{
    public int Cores { get; init; } = Environment.ProcessorCount;

    public long MemoryAvailableBytes { get; init; }

    /// <summary>What this process may open: the soft limit, which the .NET runtime raises to the hard one at start.</summary>
    public long OpenFileLimit { get; init; } = 1024;

    /// <summary>The hard limit: only root raises it; null when unknown or unlimited.</summary>
    public long? OpenFileHardLimit { get; init; }

    public int PortsPerAddress { get; init; } = 28_232;

    /// <summary>net.ipv4.ip_local_port_range as "low-high"; null when unknown.</summary>
    public string? PortRange { get; init; }

    /// <summary>The listen backlog cap (net.core.somaxconn); null when unknown.</summary>
    public int? SoMaxConn { get; init; }

    public static MachineLimits Read()
    {
        var range = ReadPortRange();
        var ports = range?.Split('-') is [var low, var high] && int.TryParse(low, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(high, CultureInfo.InvariantCulture, out var to) && to >= from ? to - from + 1 : 28_232;
        var (soft, hard) = ReadOpenFileLimits();
        var available = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal))
                ?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } mem
                && long.TryParse(mem[1], CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new MachineLimits
        {
            MemoryAvailableBytes = available,
            OpenFileLimit = soft ?? 1024,
            OpenFileHardLimit = hard,
            PortsPerAddress = ports,
            PortRange = range,
            SoMaxConn = int.TryParse(Line("/proc/sys/net/core/somaxconn"), CultureInfo.InvariantCulture, out var backlog) ? backlog : null,
        };
    }

    /// <summary>This process's open-file limits from /proc/self/limits; null where unknown or unlimited.</summary>
    internal static (long? Soft, long? Hard) ReadOpenFileLimits()
    {
        try
        {
            // "Max open files            20000                20000                files"
            var fields = File.Exists("/proc/self/limits")
                ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))
                    ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                : null;
            return (
                fields is { Length: >= 4 } && long.TryParse(fields[3], CultureInfo.InvariantCulture, out var soft) ? soft : null,
                fields is { Length: >= 5 } && long.TryParse(fields[4], CultureInfo.InvariantCulture, out var hard) ? hard : null);
        }
        catch (IOException)
        {
            return (null, null);
        }
    }

    /// <summary>net.ipv4.ip_local_port_range as "low-high"; null when unknown.</summary>
    internal static string? ReadPortRange() =>
        Line("/proc/sys/net/ipv4/ip_local_port_range")?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries) is [var first, var last]
            ? $"{first}-{last}"
            : null;

    private static string? Line(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
