using WsLoad.Results;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Resources;

/// <summary>The per-second resource series of the generator and of a server in its own process.</summary>
public sealed class ResourceSeriesTests
{
    [Fact]
    public async Task Generator_server_and_machine_are_sampled_every_second_and_are_plausible()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var work = new TemporaryDirectory("wsload-resources");
        await using var server = WsLoadProcess.Start("serve", "--port", "0");
        var url = (await server.ReadLineAsync(timeout.Token)).Split(' ')[1];
        await using var run = WsLoadProcess.Start(
            ["run", "--url", url, "--connections", "3000", "--ramp", "linear:3s", "--hold", "2s", "--rate", "1/s",
             "--server-pid", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", work.Path, "--quiet"]);
        Assert.True(await run.WaitForExitAsync(timeout.Token) == 0, run.ToString());

        var result = await RunResultJson.ReadAsync(work.File("run.json"), timeout.Token);
        var allCores = 100.0 * Environment.ProcessorCount;
        Assert.All(result.Series, sample =>
        {
            Assert.NotNull(sample.Generator);
            Assert.InRange(sample.Generator.CpuPercent, 0, allCores * 1.05);
            Assert.True(sample.Generator.RssBytes > 0);
            Assert.True(sample.Generator.Threads > 0);
            Assert.NotNull(sample.Server);
            Assert.Equal(server.Id, sample.Server.ProcessId);
            Assert.InRange(sample.Server.CpuPercent, 0, allCores * 1.05);
            Assert.NotNull(sample.Machine);
            Assert.InRange(sample.Machine.CpuPercent, 0, 100);
            Assert.True(sample.Machine.TcpRetransmits >= 0 && sample.Machine.TcpTimeouts >= 0 && sample.Machine.PacketDrops >= 0, "TCP loss counters sampled (null >= 0 is false)");
        });

        // Memory follows the connections: the server's resident set grows as 3,000 connections open, and the
        // generator's open files pass the connection count.
        var first = result.Series[0];
        var peak = result.Series.MaxBy(s => s.OpenConnections)!;
        Assert.Equal(3000, peak.OpenConnections);
        Assert.True(peak.Server!.RssBytes > first.Server!.RssBytes, $"server RSS {first.Server.RssBytes} -> {peak.Server.RssBytes}");
        Assert.True(peak.Generator!.OpenFiles >= 3000, $"generator open files {peak.Generator.OpenFiles}");
        Assert.True(peak.Server.OpenFiles >= 3000, $"server open files {peak.Server.OpenFiles}");
        Assert.NotNull(result.GeneratorHealth);
    }
}
