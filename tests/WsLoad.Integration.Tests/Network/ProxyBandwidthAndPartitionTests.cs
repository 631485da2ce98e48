using System.Globalization;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Measurement;
using Xunit.Abstractions;

namespace WsLoad.Tests.Network;

/// <summary>Issue 6: a bandwidth limit caps the measured throughput; a partition shows on the timeline and as a gap in the series.</summary>
public sealed class ProxyBandwidthAndPartitionTests(ITestOutputHelper output)
{
    private const long OneMegabyte = 1024 * 1024;

    [Fact]
    public async Task A_1MB_per_second_limit_caps_received_throughput_within_10_percent()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);

        // One connection offering 2 MB/s (32 KiB at 64/s) through a 1 MB/s limit on the way back: the proxy's bounded
        // queue and TCP push back, so the received rate is the limit's, whatever the machine's load (it only has to
        // manage more than 1 MB/s).
        var scenario = MeasurementRuns.ConstantRate(server.WebSocketUrl, connections: 1, ratePerSecond: 64, TimeSpan.FromSeconds(8)) with
        {
            Messages = new MessageOptions
            {
                RatePerSecond = 64,
                Timeout = TimeSpan.FromSeconds(30),
                Types = [MessageType.Default with { Size = SizeSpec.Fixed(32 * 1024), Format = PayloadFormat.Binary }],
            },
            Network = new NetworkOptions
            {
                Toxics = [new NetworkToxicOptions { Type = NetworkToxicType.Bandwidth, Rate = OneMegabyte, Direction = NetworkDirection.Down }],
            },
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);
        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        foreach (var sample in result.Series)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"t={sample.AtSeconds:0.##} sent={sample.BytesSent} received={sample.BytesReceived}"));
        }

        // The steady part: after the first two seconds (connect, queues filling) up to the last full interval of the hold.
        var steady = result.Series.Where(s => s.AtSeconds >= 3 && s.AtSeconds <= 8.5).ToList();
        Assert.True(steady.Count >= 4, $"only {steady.Count} steady intervals");
        // The cap holds in every second; the typical second (the median) is at it. A second in which the whole test
        // process was held up (seen here: 0.36 MB in one second of a CI run, the rest at the cap) lowers a mean for a
        // reason that is not the limit, and the token bucket rightly does not let the next second make up for it.
        var rates = steady.Select(s => (double)s.BytesReceived).Order().ToList();
        var median = rates[rates.Count / 2];
        output.WriteLine($"received median {median:N0} bytes/s, max {rates[^1]:N0} over {steady.Count} intervals; offered {result.Series.Sum(s => s.BytesSent) / 9.0:N0} bytes/s");
        Assert.InRange(median, OneMegabyte * 0.9, OneMegabyte * 1.1);
        Assert.All(rates, rate => Assert.True(rate <= OneMegabyte * 1.1, $"{rate:N0} bytes in one second, over the 1 MB/s cap"));
    }

    [Fact]
    public async Task A_partition_window_is_on_the_timeline_and_leaves_a_gap_in_the_received_series()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = MeasurementRuns.ConstantRate(server.WebSocketUrl, connections: 5, ratePerSecond: 10, TimeSpan.FromSeconds(7)) with
        {
            Network = new NetworkOptions
            {
                Toxics = [new NetworkToxicOptions { Type = NetworkToxicType.Partition, At = TimeSpan.FromSeconds(2), Duration = TimeSpan.FromSeconds(3) }],
            },
        };
        scenario = scenario with { Messages = scenario.Messages with { Timeout = TimeSpan.FromSeconds(10) } };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);
        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        foreach (var sample in result.Series)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"t={sample.AtSeconds:0.##} sent={sample.Sent} received={sample.Received}"));
        }

        var added = Assert.Single(result.Events, e => e.Kind == "partition-added");
        var removed = Assert.Single(result.Events, e => e.Kind == "partition-removed");
        Assert.Equal(RunEventSource.Network, added.Source);
        Assert.Equal(3, added.DurationSeconds);
        // Due at 2 s and 5 s, timed from the schedule's start a few ms before the timeline's; late on a busy machine.
        Assert.InRange(added.AtSeconds, 1.9, 2.5);
        Assert.InRange(removed.AtSeconds, 4.9, 5.5);

        // run.json carries them (the spine: reports read nothing else).
        var json = RunResultJson.Serialize(result);
        Assert.Contains("\"partition-added\"", json, StringComparison.Ordinal);
        var reloaded = RunResultJson.Deserialize(json);
        Assert.Contains(reloaded.Events, e => e.Kind == "partition-added" && e.Source == RunEventSource.Network);

        // Nothing comes back inside the window, and the held messages arrive after it: none lost.
        Assert.Contains(result.Series, s => s.AtSeconds > 3.2 && s.AtSeconds <= 5 && s.Received == 0 && s.Sent > 0);
        // Before the window: a sample ending by shortly after it began (nothing arrives inside it, so what such a sample
        // received came before). Not "by 2 s": a run whose first second was held up (seen in CI: the test process's
        // thread pool waited 0.86 s) has its first replies in the sample that ends just after 2 s.
        Assert.Contains(result.Series, s => s.AtSeconds <= added.AtSeconds + 0.5 && s.Received > 0);
        Assert.Contains(result.Series, s => s.AtSeconds > 5.2 && s.Received > 0);
        Assert.Equal(0, result.Summary.Messages.Lost);
    }
}
