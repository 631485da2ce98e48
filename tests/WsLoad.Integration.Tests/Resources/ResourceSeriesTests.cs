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
             "--server-pid", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--server-stats", StatsUrl(url), "--out", work.Path, "--quiet"]);
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
            Assert.InRange(Assert.NotNull(sample.Server.CpuPercent), 0, allCores * 1.05);
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

        // The server's GC pauses, read from its /stats: every second after the first poll has a figure, and together they
        // are no more than the server's own total at the end (and more than nothing: 3,000 connections make garbage).
        using var http = new HttpClient();
        using var stats = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(StatsUrl(url), timeout.Token));
        var serverTotal = stats.RootElement.GetProperty("gcPauseMilliseconds").GetDouble();
        var pauses = result.Series.Skip(1).Select(s => s.Server!.GcPauseMs).ToList();
        Assert.All(pauses, p => Assert.NotNull(p));
        var sampled = pauses.Sum(p => p!.Value);
        Assert.InRange(sampled, double.Epsilon, serverTotal + 0.01);
    }

    [Fact]
    public async Task Server_stats_without_a_server_pid_is_a_usage_error_that_says_why()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var run = WsLoadProcess.Start(["run", "--url", "ws://127.0.0.1:9/ws", "--server-stats", "http://127.0.0.1:9/stats"]);

        Assert.Equal(2, await run.WaitForExitAsync(timeout.Token));
        Assert.Contains("--server-stats needs --server-pid", run.ToString(), StringComparison.Ordinal);
    }

    private static string StatsUrl(string webSocketUrl) => new UriBuilder(webSocketUrl) { Scheme = "http", Path = "/stats" }.Uri.ToString();
}
