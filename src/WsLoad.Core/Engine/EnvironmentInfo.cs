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
        OpenFileLimit = Planning.MachineLimits.ReadOpenFileLimits().Soft,
        EphemeralPortRange = Planning.MachineLimits.ReadPortRange(),
        CommandLine = commandLine,
    };
}
