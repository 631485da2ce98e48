using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WsLoad.Sinks.Prometheus;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Monitoring;

/// <summary>
/// A real Prometheus (Debian's) scrapes a real <c>wsload demo --metrics</c> run and a real <c>wsload serve</c>, and
/// what it stored is read back through its HTTP API.
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Prometheus_scraping_a_demo_run_ends_with_the_counts_of_its_run_json()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var metricsPort = PrometheusServer.FreePort();
        await using var prometheus = await PrometheusServer.StartAsync(ScrapeConfig.EverySecond(("wsload", metricsPort)), cancellationToken: timeout.Token);
        var folder = Directory.CreateTempSubdirectory("wsload-metrics-").FullName;
        try
        {
            await using var demo = WsLoadProcess.Start(
                "demo", "--connections", "100", "--hold", "15s", "--ramp", "linear:3s", "--rate", "2/s", "--no-warm-up", "--quiet",
                "--report", "none", "--out", folder, "--metrics", $"127.0.0.1:{metricsPort}");
            Assert.True(await demo.WaitForExitAsync(timeout.Token) == 0, demo.ToString());
            Assert.Contains($"wsload: metrics: http://127.0.0.1:{metricsPort}/metrics", demo.StandardError, StringComparison.Ordinal);

            using var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json"), timeout.Token));
            var summary = run.RootElement.GetProperty("summary");
            var received = summary.GetProperty("messages").GetProperty("received").GetInt64();
            var sent = summary.GetProperty("messages").GetProperty("sent").GetInt64();
            var rttCount = summary.GetProperty("latencyMs").GetProperty("rtt").GetProperty("count").GetInt64();
            var peak = summary.GetProperty("connections").GetProperty("peak").GetInt64();
            Assert.True(received > 1000, $"received {received}");

            // The run waited for Prometheus's final scrape before it exited; the series are stale now (the target is
            // down), so each series' last sample is read with last_over_time. The wait covers ingestion only.
            var lastReceived = await prometheus.WaitForAsync("sum(last_over_time(wsload_messages_received_total[5m]))", v => v == received, TimeSpan.FromSeconds(5), timeout.Token);
            Assert.Equal(received, lastReceived);
            Assert.Equal(sent, await prometheus.QueryScalarAsync("sum(last_over_time(wsload_messages_sent_total[5m]))", timeout.Token));
            Assert.Equal(rttCount, await prometheus.QueryScalarAsync("sum(last_over_time(wsload_rtt_seconds_count[5m]))", timeout.Token));
            Assert.Equal(peak, await prometheus.QueryScalarAsync("max_over_time(wsload_connections_open[5m])", timeout.Token));

            var buckets = await prometheus.QueryAsync("count by (le) (last_over_time(wsload_rtt_seconds_bucket[5m]))", timeout.Token);
            string[] expected = [.. MetricNames.LatencyBuckets.Select(b => b.ToString(CultureInfo.InvariantCulture)), "+Inf"];
            Assert.Equal(expected.Order(StringComparer.Ordinal), buckets.Select(b => b.Labels["le"]).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Prometheus_scrapes_wsload_serve_for_its_process_cpu_and_its_connections()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var port = PrometheusServer.FreePort();
        await using var serve = WsLoadProcess.Start("serve", "--port", port.ToString(CultureInfo.InvariantCulture));
        var url = new Uri((await serve.ReadLineAsync(timeout.Token)).Replace("listening ", "", StringComparison.Ordinal));
        await using var prometheus = await PrometheusServer.StartAsync(ScrapeConfig.EverySecond(("wsload-server", port)), cancellationToken: timeout.Token);

        var clients = new List<ClientWebSocket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = new ClientWebSocket();
                clients.Add(client);
                await client.ConnectAsync(url, timeout.Token);
            }

            // Five messages on one connection, each echoed before the next.
            var buffer = new byte[64];
            for (var i = 0; i < 5; i++)
            {
                await clients[0].SendAsync(Encoding.UTF8.GetBytes($"hello {i}"), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
                await clients[0].ReceiveAsync(buffer, timeout.Token);
            }

            var open = await prometheus.WaitForAsync("wsload_server_connections_open{job=\"wsload-server\"}", v => v == 3, TimeSpan.FromSeconds(30), timeout.Token);
            var messages = await prometheus.WaitForAsync("wsload_server_messages_received_total{job=\"wsload-server\"}", v => v == 5, TimeSpan.FromSeconds(30), timeout.Token);
            var cpu = await prometheus.WaitForAsync("process_cpu_seconds_total{job=\"wsload-server\"}", v => v > 0, TimeSpan.FromSeconds(30), timeout.Token);
            var memory = await prometheus.QueryScalarAsync("process_working_set_bytes{job=\"wsload-server\"}", timeout.Token);
            var resident = await prometheus.QueryScalarAsync("process_resident_memory_bytes{job=\"wsload-server\"}", timeout.Token);
            var openFiles = await prometheus.QueryScalarAsync("process_open_fds{job=\"wsload-server\"}", timeout.Token);

            Assert.Equal(3, open);
            Assert.Equal(5, messages);
            Assert.True(cpu > 0, $"process_cpu_seconds_total {cpu}");
            Assert.True(memory > 1_000_000, $"process_working_set_bytes {memory}");
            Assert.True(resident > 1_000_000, $"process_resident_memory_bytes {resident}");
            Assert.True(openFiles >= 4, $"process_open_fds {openFiles}"); // the listening socket and the 3 connections at least
            Assert.All(await prometheus.TargetsAsync(timeout.Token), target => Assert.Equal("up", target.Health));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Abort();
                client.Dispose();
            }
        }
    }
}
