using System.Globalization;
using WsLoad.Analysis;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Monitoring;

/// <summary>
/// A server whose CPU this machine cannot sample (no process id given), read instead from a real Prometheus that
/// scrapes <c>wsload serve</c>'s own /metrics: the run's server series fills from the queries, and the server-CPU
/// readiness check is judged, not "not sampled".
/// </summary>
public sealed class ServerMetricsFromPrometheusTests
{
    [Fact]
    public async Task Server_cpu_read_from_prometheus_fills_the_series_and_the_readiness_check_is_judged()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var server = WsLoadProcess.Start("serve", "--port", "0", "--cpu-per-message", "2ms", "--owned-by-parent");
        var line = await server.ReadLineAsync(cts.Token);
        Assert.StartsWith("listening ws://127.0.0.1:", line, StringComparison.Ordinal);
        var url = new Uri(line["listening ".Length..]);
        await using var prometheus = await PrometheusServer.StartAsync($"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: serve
                metrics_path: /metrics
                static_configs:
                  - targets: ['127.0.0.1:{url.Port}']
            """, cancellationToken: cts.Token);
        var up = await prometheus.WaitForAsync("up{job=\"serve\"}", value => value == 1, TimeSpan.FromSeconds(30), cts.Token);
        Assert.True(up == 1, $"Prometheus could not scrape wsload serve's /metrics: {string.Join("; ", (await prometheus.TargetsAsync(cts.Token)).Select(t => $"{t.ScrapeUrl} {t.Health} {t.LastError}"))}");

        // rate() answers only from two samples: the run's first poll must not come before the second scrape.
        await prometheus.WaitForAsync("sum(rate(process_cpu_seconds_total{job=\"serve\"}[5s]))", value => value >= 0, TimeSpan.FromSeconds(30), cts.Token);

        var cores = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        var scenario = ScenarioLoader.Parse($"""
            name: remote-server
            target: {'{'} url: {url} {'}'}
            connections: {'{'} count: 20, ramp: linear:2s, hold: 14s {'}'}
            messages: {'{'} rate: 10/s {'}'}
            serverMetrics:
              prometheus: {prometheus.Address}
              cpu: sum(rate(process_cpu_seconds_total{'{'}job="serve"{'}'}[5s]))
              memory: sum(process_resident_memory_bytes{'{'}job="serve"{'}'})
              openFiles: sum(process_open_fds{'{'}job="serve"{'}'})
              cores: {cores}
              custom:
                scrapeUp: up{'{'}job="serve"{'}'}
            """, "remote.yaml");
        var notices = new List<string>();
        var run = await LoadTest.RunAsync(scenario, new LoadTestOptions { OnNotice = notices.Add }, cts.Token);
        run = RunResultJson.Deserialize(RunResultJson.Serialize(run));

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Empty(notices);
        var sampled = run.Series.Where(s => s.Server is { Source: "prometheus", CpuPercent: not null }).ToList();
        Assert.True(sampled.Count >= run.Series.Count / 2, $"{sampled.Count} of {run.Series.Count} seconds have the server's CPU from Prometheus");
        Assert.Contains(sampled, s => s.Server!.CpuPercent > 0); // 200 messages a second at 2 ms of CPU each
        Assert.All(sampled, s => Assert.True(s.Server!.RssBytes > 0 && s.Server.OpenFiles > 0 && s.Server.Cores == Environment.ProcessorCount));
        Assert.Contains(sampled, s => s.Server!.Custom?["scrapeUp"] == 1);
        var check = Assert.Single(run.Analysis!.Verdict.Checks, c => c.Name == "server CPU headroom");
        Assert.NotEqual(CheckStatus.NotJudged, check.Status);
        Assert.Contains($"of {cores} cores", check.Measured, StringComparison.Ordinal);
    }
}
