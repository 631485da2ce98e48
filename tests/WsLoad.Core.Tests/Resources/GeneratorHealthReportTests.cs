using WsLoad.Planning;
using WsLoad.Resources;
using WsLoad.Results;

namespace WsLoad.Tests.Resources;

public class GeneratorHealthReportTests
{
    [Fact]
    public void Saturated_intervals_become_periods_with_their_kinds()
    {
        var series = new[]
        {
            Sample(1, cpu: 20),
            Sample(2, cpu: 190, "generator-cpu: 190% of 200%"),
            Sample(3, cpu: 195, "generator-cpu: 195% of 200%", "scheduling-lag: a send loop woke 80 ms late"),
            Sample(4, cpu: 30),
            Sample(5, cpu: 30, "thread-pool-queue: 5000 work items waiting"),
        };

        var health = GeneratorHealthReport.From(series)!;

        Assert.True(health.Saturated);
        Assert.Equal(3, health.SaturatedIntervals);
        Assert.Equal(2, health.Periods.Count);
        Assert.Equal((1.0, 3.0), (health.Periods[0].FromSeconds, health.Periods[0].ToSeconds));
        Assert.Equal(["generator-cpu", "scheduling-lag"], health.Periods[0].Reasons);
        Assert.Equal((4.0, 5.0), (health.Periods[1].FromSeconds, health.Periods[1].ToSeconds));
        Assert.Equal(["thread-pool-queue"], health.Periods[1].Reasons);
        Assert.Equal(195, health.MaxCpuPercent);
    }

    [Fact]
    public void A_healthy_run_has_no_periods_and_a_run_without_samples_has_no_report()
    {
        var healthy = GeneratorHealthReport.From([Sample(1, 10), Sample(2, 12)])!;
        Assert.False(healthy.Saturated);
        Assert.Empty(healthy.Periods);

        Assert.Null(GeneratorHealthReport.From([new IntervalSample { AtSeconds = 1 }]));
    }

    [Fact]
    public void The_closing_after_the_plan_does_not_count()
    {
        var closing = Sample(9.4, cpu: 196, "machine-cpu: 98% busy") with { Phase = PlanPhases.ClosingName };

        var health = GeneratorHealthReport.From([Sample(9, 20), closing])!;

        Assert.False(health.Saturated);
        Assert.Equal(20, health.MaxCpuPercent);
    }

    private static IntervalSample Sample(double at, double cpu, params string[] reasons) => new()
    {
        AtSeconds = at,
        Generator = new GeneratorSample { CpuPercent = cpu, Saturated = reasons.Length > 0, SaturationReasons = reasons.Length > 0 ? reasons : null },
    };
}
