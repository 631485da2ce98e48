using System.Globalization;
using System.Runtime.InteropServices;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>Reads the facts about the generator's machine that a result needs to be interpreted later.</summary>
internal static class EnvironmentInfo
{
    public static RunEnvironment Capture(string commandLine) => new()
    {
        MachineName = Environment.MachineName,
        Os = RuntimeInformation.OSDescription,
        Runtime = RuntimeInformation.FrameworkDescription,
        ProcessorCount = Environment.ProcessorCount,
        TotalMemoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        OpenFileLimit = ReadOpenFileLimit(),
        EphemeralPortRange = ReadFirstLine("/proc/sys/net/ipv4/ip_local_port_range")?.Replace('\t', '-'),
        CommandLine = commandLine,
    };

    private static long? ReadOpenFileLimit()
    {
        try
        {
            if (!File.Exists("/proc/self/limits"))
            {
                return null;
            }

            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: >= 4 } && long.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var soft) ? soft : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ReadFirstLine(string path)
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
