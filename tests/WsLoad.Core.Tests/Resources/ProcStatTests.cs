using System.IO.Hashing;
using WsLoad.Resources;

namespace WsLoad.Tests.Resources;

public class ProcStatTests
{
    [Fact]
    public void This_process_reads_plausibly_and_its_cpu_time_grows_with_work()
    {
        var before = ProcStat.ReadProcess(Environment.ProcessId)!.Value;

        var data = new byte[1 << 20];
        uint hash = 0;
        for (var i = 0; i < 400; i++)
        {
            hash ^= XxHash32.HashToUInt32(data, i);
        }

        var after = ProcStat.ReadProcess(Environment.ProcessId)!.Value;
        Assert.True(after.CpuSeconds > before.CpuSeconds, $"cpu {before.CpuSeconds} -> {after.CpuSeconds} (hash {hash})");
        Assert.InRange(after.RssBytes, 10L << 20, 8L << 30);
        Assert.True(after.Threads >= 1);
        Assert.True(after.OpenFiles >= 3);
    }

    [Fact]
    public void A_process_that_is_not_there_reads_as_null()
    {
        Assert.Null(ProcStat.ReadProcess(int.MaxValue));
    }

    [Fact]
    public void The_machine_reads_plausibly()
    {
        var machine = ProcStat.ReadMachine()!.Value;
        Assert.True(machine.CpuSeconds > machine.IdleSeconds);
        Assert.InRange(machine.MemoryUsedBytes, 1, machine.MemoryTotalBytes);
    }
}
