using System.Collections.Concurrent;
using System.Net;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Scenarios;
using WsLoad.Sinks;
using WsLoad.Sinks.Prometheus;

namespace WsLoad.Tests.Sinks.Prometheus;

/// <summary>The scrape endpoint on a real loopback Kestrel: announced, scraped over HTTP, and waiting for the final scrape.</summary>
public sealed class MetricsMonitorTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Stopping_waits_for_a_scrape_after_the_last_figures_and_says_so()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var said = new ConcurrentQueue<string>();
        var monitor = await MetricsMonitor.StartAsync(new LiveMonitoringOptions { Metrics = new IPEndPoint(IPAddress.Loopback, 0) }, said.Enqueue, timeout.Token);
        var url = new Uri(monitor.Address, "metrics");
        var disposing = Task.CompletedTask;
        try
        {
            Assert.Contains($"metrics: {url}", said);
            var scenario = new Scenario { Name = "s", Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/ws") } };
            var sink = (RunSinkBase)monitor.CreateSink(new LiveRun("s", scenario))!;
            sink.OnInterval(new IntervalSnapshot { Phase = PlanPhase.Hold, Counters = new SnapshotCounters { Received = 10 }, MessageTypes = new Dictionary<string, MessageTypeInterval> { ["default"] = new() { Received = 10 } } });
            Assert.True(await sink.DrainAsync(timeout.Token));
            var first = await Http.GetAsync(url, timeout.Token);
            Assert.Equal("text/plain; version=0.0.4; charset=utf-8", first.Content.Headers.ContentType?.ToString());
            await sink.OnEndAsync(FinishedRun.Of(scenario), timeout.Token); // the deferred first count goes out: news Prometheus has not read

            disposing = monitor.DisposeAsync().AsTask();
            Assert.False(disposing.IsCompleted);
            var final = await Http.GetStringAsync(url, timeout.Token);
            await disposing.WaitAsync(timeout.Token);

            Assert.Contains("wsload_messages_received_total{scenario=\"s\",phase=\"hold\",type=\"default\"} 10", final, StringComparison.Ordinal);
            Assert.Contains(said, line => line.StartsWith("metrics: waiting up to 20 s for Prometheus's final scrape", StringComparison.Ordinal));
            Assert.DoesNotContain(said, line => line.Contains("no scrape came", StringComparison.Ordinal));
        }
        finally
        {
            if (!disposing.IsCompleted)
            {
                await Http.GetAsync(url, CancellationToken.None); // let the wait end rather than sit out its 20 s
            }

            await disposing;
        }
    }

    [Fact]
    public async Task An_address_other_than_loopback_is_refused_without_allow_remote_monitoring()
    {
        var options = new LiveMonitoringOptions { Metrics = new IPEndPoint(IPAddress.Any, 0) };

        var refused = await Assert.ThrowsAsync<LiveMonitoringException>(() => MetricsMonitor.StartAsync(options, _ => { }, CancellationToken.None));

        Assert.Contains("--allow-remote-monitoring", refused.Message, StringComparison.Ordinal);
    }
}
