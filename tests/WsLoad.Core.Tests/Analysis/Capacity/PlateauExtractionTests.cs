using WsLoad.Analysis.Capacity;

namespace WsLoad.Tests.Analysis.Capacity;

public sealed class PlateauExtractionTests
{
    [Fact]
    public void Each_step_of_a_stepped_ramp_is_one_plateau_over_its_settled_seconds()
    {
        var run = SteppedRuns.Build(steps: 5, stepConnections: 40, plateauSeconds: 5, holdSeconds: 6,
            SteppedRuns.Usl(100, 0.01, 0.0001), _ => 2, noise: 0.01, seed: 7, inFlight: 2);

        var plateaus = PlateauExtractor.Extract(run.Series, inFlightPerConnection: 2);

        Assert.Equal([40, 80, 120, 160, 200], plateaus.Select(p => p.TargetConnections));
        Assert.Equal([40.0, 80, 120, 160, 200], plateaus.Select(p => p.Connections));
        Assert.Equal([80.0, 160, 240, 320, 400], plateaus.Select(p => p.Concurrency));
        // Step 1 has samples at ~1..4 s (the first left out); later steps 5 samples, the first left out; the last runs on into the hold.
        Assert.Equal([3, 4, 4, 4, 4 + 6], plateaus.Select(p => p.Seconds));
        Assert.Equal([1.0, 5, 10, 15, 20], plateaus.Select(p => Math.Round(p.FromSeconds)));
        var truth = SteppedRuns.Usl(100, 0.01, 0.0001);
        Assert.All(plateaus, p => Assert.InRange(p.Throughput / truth(p.Concurrency), 0.97, 1.03));
    }

    [Fact]
    public void A_linear_ramp_gives_one_plateau_and_not_enough_for_a_fit()
    {
        var series = Enumerable.Range(1, 20).Select(t => new WsLoad.Results.IntervalSample
        {
            AtSeconds = t,
            Phase = t <= 10 ? "ramp-up" : "hold",
            TargetConnections = Math.Min(100, t * 10),
            OpenConnections = Math.Min(100, t * 10),
            Received = 1000,
        }).ToList();
        var run = SteppedRuns.Wrap(series, new WsLoad.Scenarios.Scenario { Target = new() { Url = new Uri("ws://127.0.0.1:1/") } });

        var report = CapacityAnalysis.Analyze(run);

        Assert.Single(report.Plateaus);
        Assert.Equal(CapacityStatus.NotEnoughPlateaus, report.Status);
        Assert.Contains("linear ramp", report.Reason);
        Assert.Null(report.Usl);
    }
}
