using WsLoad.Cli.Commands;

namespace WsLoad.Tests.Cli;

public sealed class DemoScaleTests
{
    [Theory]
    [InlineData(10_000, 1, null)] // the README's demo: one process each, the OS's own source address
    [InlineData(19_000, 1, null)]
    [InlineData(19_001, 2, null)]
    [InlineData(40_000, 3, "127.0.0.1-127.0.0.2")]
    [InlineData(200_000, 11, "127.0.0.1-127.0.0.8")]
    public void The_demo_splits_its_load_past_the_open_file_limit_and_one_addresss_ports(int connections, int processes, string? sources)
    {
        // This machine: 20,000 open files per process, ports 32768-60999.
        var scale = DemoScale.For(connections, openFileLimit: 20_000, DemoScale.PortsPerAddress("32768-60999"));

        Assert.Equal(processes, scale.Processes);
        Assert.Equal(sources is null ? [] : [sources], scale.SourceAddresses);
    }

    [Theory]
    [InlineData("32768-60999", 28_232)]
    [InlineData("1024 - 65535", 64_512)]
    [InlineData("garbage", null)]
    [InlineData(null, null)]
    public void Ports_per_address_come_from_the_ephemeral_range(string? range, int? ports) =>
        Assert.Equal(ports, DemoScale.PortsPerAddress(range));
}
