using System.Globalization;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Measurement;
using Xunit.Abstractions;

namespace WsLoad.Tests.Recovery;

/// <summary>
/// Acceptance 4 of issue 6: half of 5,000 connections dropped at once; the reconnect storm shows in the per-second
/// series (connects established per second) and on the timeline, and the run reports when the service was back.
/// </summary>
public sealed class CascadeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dropping_half_of_5000_connections_shows_the_reconnect_storm_and_the_time_until_the_service_was_back()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        static Scenario Load(Uri url)
        {
            var scenario = MeasurementRuns.ConstantRate(url, connections: 5000, ratePerSecond: 1, TimeSpan.FromSeconds(14));
            return scenario with
            {
                Connections = scenario.Connections with
                {
                    Ramp = new RampOptions { Duration = TimeSpan.FromSeconds(2) },
                    Reconnect = RecoveryRuns.FastExponential with { MaxConcurrent = 500 },
                },
            };
        }

        // The drop comes 5 s after the planned end of the ramp, so a slow (busy) machine still leaves seconds of steady hold for the baseline.
        var faults = new ServerFaults { DropAt = TimeSpan.FromSeconds(8), DropPercent = 50 };
        var (result, _) = await RecoveryRuns.RunAsync(faults, Load, cts.Token);

        var recovery = result.Summary.Recovery!;
        output.WriteLine(RecoveryRuns.Describe(recovery));
        foreach (var sample in result.Series)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sample.AtSeconds,7:0.00}s open={sample.OpenConnections} established={sample.ConnectsEstablished} dropped={sample.Dropped} received={sample.Received} p99={sample.RttP99}"));
        }

        foreach (var e in result.Events)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"event {e.AtSeconds:0.000}s {e.Kind} count={e.Count} duration={e.DurationSeconds}: {e.Description}"));
        }

        Assert.Equal(2500, recovery.Drops);
        Assert.Equal(2500, recovery.Reconnects);

        // The storm: after the ramp, the seconds after the drop establish the 2,500 again (no second before it establishes any).
        var fault = recovery.Service!.FaultAtSeconds;
        var storm = result.Series.Where(s => s.AtSeconds > fault && s.AtSeconds <= fault + 3).Sum(s => s.ConnectsEstablished);
        Assert.Equal(2500, storm);
        Assert.Equal(0, result.Series.Where(s => s.AtSeconds > 5 && s.AtSeconds <= fault).Sum(s => s.ConnectsEstablished));
        // The storm event counts the attempts of the seconds that were stormy; a straggler attempt landing in the quiet
        // second after it is not part of the storm (the series above counts every reconnect exactly).
        Assert.Contains(result.Events, e => e.Kind == "reconnect-storm" && e.Count >= 2000);

        Assert.True(recovery.Service.BaselineIntervals >= 2, $"baseline of {recovery.Service.BaselineIntervals} intervals");
        Assert.NotNull(recovery.Service.SecondsToRecover);
        Assert.Contains(result.Events, e => e.Kind == "service-recovered" && e.DurationSeconds == recovery.Service.SecondsToRecover);
    }
}
