using System.Net;
using System.Text;
using WsLoad.Cli;
using WsLoad.Results;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Monitoring;

/// <summary>
/// <c>--prometheus-remote-write</c> as a user runs it: a real <c>wsload demo</c> writing to a real Prometheus with its
/// remote-write receiver on, and to a receiver that is down or failing, with a URL whose secrets must never show.
/// </summary>
public sealed class RemoteWriteTests : IDisposable
{
    private const string Secret = "S3CRET";
    private readonly string _folder = Directory.CreateTempSubdirectory("wsload-remote-write-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_second_prometheus_receives_the_remote_write_and_its_received_count_matches_run_json()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var prometheus = await PrometheusServer.StartAsync(
            "global:\n  scrape_interval: 15s\n", ["--web.enable-remote-write-receiver"], cancellationToken: cts.Token);

        await using var wsload = StartDemo(prometheus.RemoteWriteUrl.ToString());
        var exitCode = await wsload.WaitForExitAsync(cts.Token);

        Assert.True(exitCode == ExitCodes.Passed, $"exit {exitCode}: {wsload}");
        var runJson = Path.Combine(_folder, "run.json");
        Assert.Empty(Acceptance.RunJsonSchema.Validate(await File.ReadAllTextAsync(runJson, cts.Token)));
        var result = await RunResultJson.ReadAsync(runJson, cts.Token);
        var received = result.Summary.Messages.Received;
        Assert.True(received > 0, "the demo received messages");
        var queried = await prometheus.WaitForAsync("sum(wsload_messages_received_total)", value => value == received, TimeSpan.FromSeconds(30), cts.Token);
        Assert.Equal(received, queried);

        var rttCount = result.MessageTypes.Values.Sum(type => type.Rtt?.Count ?? 0);
        Assert.Equal(rttCount, await prometheus.QueryScalarAsync("sum(wsload_rtt_seconds_bucket{le=\"+Inf\"})", cts.Token));
        Assert.Equal(rttCount, await prometheus.QueryScalarAsync("sum(wsload_rtt_seconds_count)", cts.Token));
        Assert.Equal(MetricBuckets + 1, (await prometheus.QueryAsync("wsload_rtt_seconds_bucket", cts.Token)).Select(s => s.Labels["le"]).Distinct().Count());

        var sink = Assert.Single(result.Sinks, s => s.Name == "prometheus-remote-write");
        var samples = Assert.IsType<SinkSamples>(sink.Samples);
        Assert.True(samples.Requests > 0 && samples.Sent > 0, $"samples: {samples}");
        Assert.Equal((0L, 0L), (samples.RequestsFailed, samples.Dropped));
        var port = prometheus.Address.Port;
        Assert.Contains($"wsload: remote write to http://127.0.0.1:{port}: ", wsload.StandardError, StringComparison.Ordinal);
        Assert.Contains(" 0 dropped", wsload.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_receiver_down_or_failing_leaves_the_run_complete_with_its_failures_counted_and_the_url_s_secrets_unshown(bool answers500)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var receiver = answers500 ? new FailingReceiver(HttpStatusCode.InternalServerError) : null;
        var port = receiver?.Port ?? PrometheusServer.FreePort(); // nobody listens there once it is given back
        var url = $"http://user:{Secret}PW@127.0.0.1:{port}/api/v1/write?token={Secret}Q";

        await using var wsload = StartDemo(url, connections: 20, hold: "5s");
        var exitCode = await wsload.WaitForExitAsync(cts.Token);

        Assert.True(exitCode == ExitCodes.Passed, $"exit {exitCode}: {wsload}");
        var runJson = Path.Combine(_folder, "run.json");
        Assert.Empty(Acceptance.RunJsonSchema.Validate(await File.ReadAllTextAsync(runJson, cts.Token)));
        var result = await RunResultJson.ReadAsync(runJson, cts.Token);
        var samples = Assert.Single(result.Sinks, s => s.Name == "prometheus-remote-write").Samples;
        Assert.NotNull(samples);
        Assert.Equal(0, samples.Sent);
        Assert.True(samples.RequestsFailed > 0 && samples.Dropped > 0, $"samples: {samples}");
        Assert.Equal(answers500 ? "HTTP 500" : "connection refused", samples.LastFailure);
        Assert.Matches(@"remote write to http://127\.0\.0\.1:\d+: 0 requests, 0 samples sent, [\d,]+ dropped, [\d,]+ requests failed", wsload.StandardError);
        if (receiver is not null)
        {
            // Retried, with the userinfo as Basic credentials and the token where the receiver reads it.
            Assert.True(receiver.Requests.Count > samples.RequestsFailed, $"{receiver.Requests.Count} tries for {samples.RequestsFailed} failed requests");
            var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"user:{Secret}PW"));
            Assert.All(receiver.Requests, r => Assert.Equal((basic, $"?token={Secret}Q"), (r.Authorization, r.Query)));
        }

        Assert.DoesNotContain(Secret, wsload.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, wsload.StandardError, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
        {
            Assert.False((await File.ReadAllTextAsync(file, cts.Token)).Contains(Secret, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds the URL's secret");
        }
    }

    private static int MetricBuckets => Sinks.Prometheus.MetricNames.LatencyBuckets.Count;

    private WsLoadProcess StartDemo(string url, int connections = 100, string hold = "10s") => WsLoadProcess.Start(
        "demo", "--connections", connections.ToString(System.Globalization.CultureInfo.InvariantCulture), "--hold", hold, "--ramp", "linear:3s",
        "--rate", "2/s", "--no-warm-up", "--out", _folder, "--prometheus-remote-write", url, "--remote-write-interval", "1s");
}
