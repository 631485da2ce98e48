using WsLoad.Resources;

namespace WsLoad.Tests.Resources;

public class SaturationRulesTests
{
    [Theory]
    [InlineData(50, 40, 1, 0, 0, "")]
    [InlineData(185, 95.5, 1, 0, 0, "generator-cpu,machine-cpu")]
    [InlineData(179, 60, 1, 0, 0, "")]
    [InlineData(180, 60, 1, 0, 0, "generator-cpu")]
    [InlineData(20, 99, 1, 0, 0, "machine-cpu")]
    [InlineData(20, 40, 49.9, 0, 0, "")]
    [InlineData(20, 40, 50, 0, 0, "scheduling-lag")]
    [InlineData(20, 40, 1, 1000, 0, "")]
    [InlineData(20, 40, 1, 1001, 0, "thread-pool-queue")]
    [InlineData(20, 40, 1, 0, 99.9, "")]
    [InlineData(20, 40, 1, 0, 100, "thread-pool-delay")]
    public void Each_rule_fires_at_its_bound_and_not_below(double generatorCpu, double machineCpu, double lagMs, long queue, double poolDelayMs, string expectedKinds)
    {
        var reasons = SaturationRules.Check(generatorCpu, machineCpu, lagMs, queue, poolDelayMs, processorCount: 2);

        Assert.Equal(expectedKinds, string.Join(',', reasons.Select(SaturationRules.KindOf)));
    }

    [Fact]
    public void Without_a_machine_reading_only_the_other_rules_apply()
    {
        Assert.Empty(SaturationRules.Check(10, machineCpuPercent: null, 1, 0, 0, processorCount: 2));
    }
}
