using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

public sealed class ServerMetricsSectionTests
{
    [Fact]
    public void The_section_reads_its_queries_cores_custom_series_and_interval()
    {
        var scenario = ScenarioLoader.Parse("""
            target: { url: ws://127.0.0.1:1/ws }
            serverMetrics:
              prometheus: http://127.0.0.1:9090
              cpu: sum(rate(process_cpu_seconds_total{job="chat"}[30s]))
              memory: sum(process_resident_memory_bytes{job="chat"})
              openFiles: sum(process_open_fds{job="chat"})
              cores: 8
              custom:
                queueDepth: sum(chat_queue_length)
              interval: 2s
            """, "s.yaml");

        var metrics = Assert.IsType<ServerMetricsOptions>(scenario.ServerMetrics);
        Assert.Equal(new Uri("http://127.0.0.1:9090"), metrics.Prometheus);
        Assert.Equal("sum(rate(process_cpu_seconds_total{job=\"chat\"}[30s]))", metrics.Cpu);
        Assert.Equal("8", metrics.Cores);
        Assert.Null(metrics.Threads);
        Assert.Equal("sum(chat_queue_length)", metrics.Custom["queueDepth"]);
        Assert.Equal(TimeSpan.FromSeconds(2), metrics.Interval);
    }

    [Theory]
    [InlineData("serverMetrics: { cpu: up }", "serverMetrics.prometheus")]
    [InlineData("serverMetrics: { prometheus: 'ftp://user:pw@x/', cpu: up }", "not an http:// or https:// URL")]
    [InlineData("serverMetrics: { prometheus: http://127.0.0.1:9090 }", "asks for nothing")]
    [InlineData("serverMetrics: { prometheus: http://127.0.0.1:9090, cpus: up }", "cpus")]
    public void Mistakes_are_errors_with_their_place(string section, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("target: { url: ws://127.0.0.1:1/ws }\n" + section + "\n", "s.yaml")).Errors;

        var error = Assert.Single(errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
        Assert.Equal(2, error.Line);
        Assert.All(errors, e => Assert.DoesNotContain("pw", e.ToString(), StringComparison.Ordinal)); // a password in the URL is never echoed
    }
}
