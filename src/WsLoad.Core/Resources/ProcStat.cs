using System.Globalization;

namespace WsLoad.Resources;

/// <summary>
/// Reads a process's and the machine's resource use from Linux's /proc. Every reader returns null where /proc is not
/// there (another OS) or the process is gone, so callers report "not measured" rather than a guess.
/// </summary>
internal static class ProcStat
{
    /// <summary>Clock ticks per second of /proc CPU times (USER_HZ); 100 on every Linux configuration in use.</summary>
    private const double TicksPerSecond = 100.0;

    private static readonly long PageSize = Environment.SystemPageSize;

    public static ProcessReading? ReadProcess(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) may contain spaces and parentheses: fields are counted after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            var threads = int.Parse(fields[17], CultureInfo.InvariantCulture);
            var rssPages = long.Parse(fields[21], CultureInfo.InvariantCulture);
            return new ProcessReading((utime + stime) / TicksPerSecond, rssPages * PageSize, threads, CountOpenFiles(pid));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public static MachineReading? ReadMachine()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long total = 0;
            for (var i = 1; i < cpu.Length; i++)
            {
                total += long.Parse(cpu[i], CultureInfo.InvariantCulture);
            }

            // idle + iowait are not busy.
            var idle = long.Parse(cpu[4], CultureInfo.InvariantCulture) + long.Parse(cpu[5], CultureInfo.InvariantCulture);
            long memTotal = 0;
            long memAvailable = 0;
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    memTotal = KiloBytes(line);
                }
                else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    memAvailable = KiloBytes(line);
                    break;
                }
            }

            return new MachineReading(total / TicksPerSecond, idle / TicksPerSecond, memTotal, memTotal - memAvailable);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    private static int CountOpenFiles(int pid) =>
        OperatingSystem.IsLinux() ? DirectoryEntryCounter.Count($"/proc/{pid}/fd") : -1;

    private static long KiloBytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

/// <summary>A process's cumulative CPU seconds, resident memory, threads and open files (-1: not readable).</summary>
internal readonly record struct ProcessReading(double CpuSeconds, long RssBytes, int Threads, int OpenFiles);

/// <summary>The machine's cumulative CPU seconds (all cores) and idle seconds, and its memory.</summary>
internal readonly record struct MachineReading(double CpuSeconds, double IdleSeconds, long MemoryTotalBytes, long MemoryUsedBytes);
