using System.Diagnostics;
using WsLoad.Resources;

namespace WsLoad.Tests.Resources;

/// <summary>A server's resources are its process tree's: a real shell with real children, started and ended here.</summary>
public sealed class ProcessTreeTests
{
    [Fact]
    public async Task The_tree_counts_the_root_and_every_process_under_it_and_their_cpu()
    {
        // The root sleeps; one child busy-loops (bounded by timeout), one sleeps under a subshell: 4 processes, and
        // nearly all the CPU is a child's, which a reading of the root alone would miss.
        using var root = Process.Start(new ProcessStartInfo("sh", ["-c", "timeout 20 sh -c 'while :; do :; done' & (sleep 20; true) & wait"]))!;
        try
        {
            var tree = await WaitForTreeAsync(root.Id, processes: 4);
            var rootBefore = ProcStat.ReadProcess(root.Id)!.Value.CpuSeconds;
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(1));

            var reading = tree.Sample(Stopwatch.GetElapsedTime(started).TotalSeconds)!.Value;

            var rootCpu = ProcStat.ReadProcess(root.Id)!.Value.CpuSeconds - rootBefore;
            Assert.True(reading.Processes >= 4, $"{reading.Processes} processes");
            Assert.True(reading.CpuPercent > 20 && rootCpu < 0.05, $"tree {reading.CpuPercent}% of a core, the root alone {rootCpu} s");
            Assert.True(reading.RssBytes > ProcStat.ReadProcess(root.Id)!.Value.RssBytes, $"tree RSS {reading.RssBytes}");
        }
        finally
        {
            root.Kill(entireProcessTree: true);
            await root.WaitForExitAsync();
        }
    }

    [Fact]
    public void A_root_that_is_not_there_samples_as_null()
    {
        Assert.Null(new ProcessTree(int.MaxValue).Sample(1));
    }

    private static async Task<ProcessTree> WaitForTreeAsync(int root, int processes)
    {
        // The shell forks its children a moment after it starts.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var tree = new ProcessTree(root);
            if (tree.Sample(1) is { } reading && reading.Processes >= processes)
            {
                return new ProcessTree(root);
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"process {root} never had {processes} processes under it");
    }
}
