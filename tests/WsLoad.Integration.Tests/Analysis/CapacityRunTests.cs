using WsLoad.Analysis.Capacity;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Measurement;
using Xunit.Abstractions;

namespace WsLoad.Tests.Analysis;

/// <summary>
/// Acceptance 3 (real half): a short stepped closed-loop run against the embedded server gives a capacity model with
/// its uncertainties, or says why it cannot. Nothing is asserted about how fast this machine is.
/// </summary>
public sealed class CapacityRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_stepped_closed_loop_run_is_fitted_with_uncertainties_or_says_why_not()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        static Scenario Stepped(Uri url) => new()
        {
            Target = new TargetOptions { Url = url },
            Connections = new ConnectionOptions
            {
                Count = 200,
                Ramp = new RampOptions { Strategy = RampStrategy.Stepped, Steps = 5, Plateau = TimeSpan.FromSeconds(4) },
                Hold = TimeSpan.FromSeconds(2),
            },
            Messages = new MessageOptions { InFlight = 1 },
            Thresholds = ["rtt.p99 < 200ms"],
        };

        var (run, _) = await MeasurementRuns.RunAsync(ServerFaults.None, Stepped, cts.Token);
        var report = CapacityAnalysis.Analyze(run);

        output.WriteLine(MeasurementRuns.DescribeHealth("run", run));
        output.WriteLine($"status {report.Status}: {report.Reason}");
        foreach (var line in report.Evidence.Concat(report.LatencyLimit?.Evidence ?? []))
            output.WriteLine(line);

        Assert.True(report.ClosedLoop);
        Assert.All(report.Plateaus, p => Assert.Contains(p.TargetConnections, new[] { 40, 80, 120, 160, 200 }));
        if (report.Status == CapacityStatus.Fitted)
        {
            var fit = report.Usl!;
            Assert.True(double.IsFinite(fit.LambdaStdError) && double.IsFinite(fit.SigmaStdError) && double.IsFinite(fit.KappaStdError), string.Join("; ", report.Evidence));
            var peak = report.Peak!;
            if (peak.PeakConcurrency is not null)
                Assert.True(double.IsFinite(peak.PeakConcurrencyStdError!.Value) && double.IsFinite(peak.MaxThroughputStdError!.Value), string.Join("; ", report.Evidence));
            Assert.NotEmpty(report.Evidence);
        }
        else
        {
            Assert.Equal(CapacityStatus.NotEnoughPlateaus, report.Status);
            Assert.Contains("not enough plateaus", report.Reason);
        }
    }
}
