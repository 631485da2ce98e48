namespace WsLoad.Tests.Monitoring;

/// <summary>The test fixture itself: a real Prometheus starts, scrapes itself, answers a query and stops.</summary>
public sealed class PrometheusServerTests
{
    [Fact]
    public async Task A_prometheus_started_for_a_test_scrapes_and_answers_queries()
    {
        var port = PrometheusServer.FreePort();
        var config = $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: self
                static_configs:
                  - targets: ['127.0.0.1:{port}']
            """;
        await using var prometheus = await StartOnAsync(port, config);

        var up = await prometheus.WaitForAsync("up{job=\"self\"}", value => value == 1, TimeSpan.FromSeconds(30));

        Assert.Equal(1, up);
    }

    // The config must name the port before the server has it: the test picks the port and the server takes it.
    private static Task<PrometheusServer> StartOnAsync(int port, string config) =>
        PrometheusServer.StartAsync(config, port: port);
}
