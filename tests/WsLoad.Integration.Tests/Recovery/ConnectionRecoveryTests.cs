using WsLoad.Metrics;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Measurement;
using Xunit.Abstractions;

namespace WsLoad.Tests.Recovery;

/// <summary>Acceptance 2 of issue 6: the server drops exactly 500 of 2,000 connections at 5 s; with reconnect on, all 500 come back.</summary>
public sealed class ConnectionRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dropping_500_of_2000_connections_reports_500_drops_500_reconnects_a_histogram_and_mttr()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        static Scenario Load(Uri url) => MeasurementRuns.ConstantRate(url, connections: 2000, ratePerSecond: 1, TimeSpan.FromSeconds(7)) with
        {
            Connections = MeasurementRuns.ConstantRate(url, 2000, 1, TimeSpan.FromSeconds(7)).Connections with { Reconnect = RecoveryRuns.FastExponential },
        };

        var faults = new ServerFaults { DropAt = TimeSpan.FromSeconds(5), DropCount = 500 };
        var (result, server) = await RecoveryRuns.RunAsync(faults, Load, cts.Token);

        var recovery = result.Summary.Recovery;
        output.WriteLine(RecoveryRuns.Describe(recovery));
        Assert.NotNull(recovery);
        Assert.Equal(500, server.AbortedByFault);
        Assert.Equal(500, recovery.Drops);
        Assert.Equal(500, recovery.Reconnects);
        Assert.Equal(0, recovery.GaveUp);
        Assert.Equal(2500, server.TotalAccepted);
        Assert.Equal(500, recovery.ReconnectTimeMs!.Count);
        Assert.Equal(500, HistogramCodec.Decode(result.Histograms["reconnect"]).TotalCount);
        Assert.NotNull(recovery.MttrSeconds);
        Assert.InRange(recovery.MttrSeconds.Value, 0.001, 5);
        Assert.Equal(500, result.Summary.Availability!.Recoveries);
        Assert.Equal(recovery.MttrSeconds, result.Summary.Availability.MttrSeconds);
        Assert.Equal(2500, result.Summary.Connections.Established);
        Assert.Equal(500, result.Events.Where(e => e.Kind == "connections-dropped").Sum(e => e.Count ?? 0));
        Assert.Equal(500, result.Events.Where(e => e.Kind == "connections-reconnected").Sum(e => e.Count ?? 0));
    }
}
