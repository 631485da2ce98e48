using WsLoad.Resources;

namespace WsLoad.Tests.Resources;

public sealed class TcpLossCountersTests
{
    [Fact]
    public void The_machines_counters_are_read_from_proc()
    {
        var counters = TcpLossCounters.Read();

        Assert.NotNull(counters); // Linux: /proc/net/snmp, netstat and softnet_stat are always there
        Assert.True(counters.Retransmits >= 0 && counters.Timeouts >= 0 && counters.BacklogDrops >= 0, counters.ToString());
    }

    [Fact]
    public void An_interval_is_the_difference_and_a_counter_reset_counts_as_zero()
    {
        var interval = new TcpLossCounters(120, 7, 3).Since(new TcpLossCounters(100, 2, 5));

        Assert.Equal(new TcpLossCounters(20, 5, 0), interval);
    }
}
