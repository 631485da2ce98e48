using System.Globalization;
using System.Text.Json;
using HdrHistogram;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Server;

namespace WsLoad.Tests.Measurement;

/// <summary>
/// The whole-run histograms in run.json are what the summary was read from: a real run's decoded <c>histograms.rtt</c>
/// and <c>histograms.response</c> hold one value per received reply, and give the summary's percentiles. A merge of
/// shards or a report drawn from run.json reads these histograms, so they must not drift from the headline figures.
/// </summary>
public sealed class RunHistogramTests
{
    [Fact]
    public async Task Run_json_histograms_hold_every_received_reply_and_give_the_summary_percentiles()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (result, server) = await MeasurementRuns.RunAsync(ServerFaults.None, url => MeasurementRuns.ConstantRate(url, connections: 20, ratePerSecond: 20, TimeSpan.FromSeconds(2)), cts.Token);

        // Read as any consumer of run.json does: the document's fields, not the engine's objects.
        using var runJson = JsonDocument.Parse(RunResultJson.Serialize(result));
        var summary = runJson.RootElement.GetProperty("summary");
        var received = summary.GetProperty("messages").GetProperty("received").GetInt64();
        Assert.Equal(server.MessagesOut, received); // every echo the server sent arrived
        Assert.True(received >= 500, $"received {received}: too few replies to test percentiles on");
        Assert.Equal(0, summary.GetProperty("messages").GetProperty("corrupted").GetInt64() + summary.GetProperty("messages").GetProperty("duplicated").GetInt64());

        foreach (var name in new[] { "rtt", "response" })
        {
            var histogram = HistogramCodec.Decode(runJson.RootElement.GetProperty("histograms").GetProperty(name).GetString()!);
            var latency = summary.GetProperty("latencyMs").GetProperty(name);
            Assert.Equal(received, histogram.TotalCount);
            Assert.Equal(received, latency.GetProperty("count").GetInt64());
            foreach (var (field, percentile) in new[] { ("p50", 50.0), ("p99", 99), ("p999", 99.9) })
            {
                Assert.True(
                    latency.GetProperty(field).GetDouble() == histogram.GetValueAtPercentile(percentile) / 1000.0,
                    string.Create(CultureInfo.InvariantCulture, $"{name} {field}: summary {latency.GetProperty(field).GetDouble()} ms, histogram {histogram.GetValueAtPercentile(percentile) / 1000.0} ms"));
            }

            Assert.Equal(latency.GetProperty("max").GetDouble(), histogram.GetMaxValue() / 1000.0);
        }
    }
}
