using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Planning;

public sealed class ResourcePlanTests
{
    // This machine: 2 cores, 20,000 open files per process, ports 32768-60999.
    private static readonly MachineLimits Machine = new() { Cores = 2, MemoryAvailableBytes = 22L << 30, OpenFileLimit = 20_000, PortsPerAddress = 28_232, SoMaxConn = 4096 };

    [Fact]
    public void A_hundred_thousand_connections_in_one_process_from_one_address_need_six_processes_and_four_addresses()
    {
        var plan = ResourcePlan.For(Scenario(100_000), workers: 1, Machine);

        Assert.False(plan.Fits);
        Assert.Equal((6, 4), (plan.WorkersNeeded, plan.SourceAddressesNeeded));
        Assert.Equal(2, plan.Problems.Count);
        Assert.Equal(
            [
                "--workers 6 (each process then holds about 16,667)",
                "or raise the hard open-file limit to 101000 (ulimit -Hn 101000 as root, LimitNOFILE= in systemd, nofile in /etc/security/limits.conf)",
                "--source 127.0.0.1-127.0.0.4 (all of 127.0.0.0/8 is loopback)",
            ],
            plan.Fixes);
    }

    [Fact]
    public void The_same_plan_fits_with_the_workers_and_sources_it_asked_for()
    {
        var scenario = Scenario(100_000);
        scenario = scenario with { Connections = scenario.Connections with { SourceAddresses = ["127.0.0.1-127.0.0.4"] } };

        var plan = ResourcePlan.For(scenario, workers: 6, Machine);

        Assert.True(plan.Fits, string.Join("; ", plan.Problems));
        Assert.Equal((16_667, 25_000), (plan.ConnectionsPerWorker, plan.ConnectionsPerSourceAddress));
    }

    [Fact]
    public void The_readme_demo_fits_in_one_process()
    {
        var plan = ResourcePlan.For(Scenario(10_000), workers: 1, Machine);

        Assert.True(plan.Fits);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Load_and_costs_follow_the_plan()
    {
        // 1,000 connections over 10 s (100 a second), held 20 s, each sending 2 messages a second.
        var scenario = Scenario(1_000) with { Messages = new MessageOptions { RatePerSecond = 2 } };

        var plan = ResourcePlan.For(scenario, workers: 1, Machine);

        Assert.Equal(2_000, plan.PeakMessagesPerSecond);
        Assert.Equal(100, plan.PeakOpensPerSecond);
        Assert.Equal(30, plan.DurationSeconds, 3);
        Assert.Equal(ResourceCosts.ClientBaseBytes + (1_000 * ResourceCosts.ClientBytesPerConnection), plan.ClientMemoryBytes);
        Assert.Equal(1_000 * ResourceCosts.KernelBytesPerConnection, plan.KernelMemoryBytes);
        Assert.Equal(2_000 * ResourceCosts.ClientCpuSecondsPerMessage, plan.ClientCoresAtPeakRate, 6);

        // Each connection is open from its planned open to the end (no ramp-down): 2 a second over its lifetime.
        Assert.InRange(plan.TotalMessages, 2 * 1_000 * 20, 2 * 1_000 * 30);
    }

    [Fact]
    public void More_memory_than_the_machine_has_does_not_fit()
    {
        var small = Machine with { MemoryAvailableBytes = 100L << 20 };

        var plan = ResourcePlan.For(Scenario(10_000), workers: 1, small);

        Assert.False(plan.Fits);
        Assert.Contains("of memory", Assert.Single(plan.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5_000, 1)]
    [InlineData(19_000, 1)]
    [InlineData(19_001, 2)]
    [InlineData(100_000, 6)]
    public void Auto_workers_are_the_fewest_processes_whose_open_files_hold_the_peak(int connections, int workers)
    {
        Assert.Equal(workers, ResourcePlan.AutoWorkers(Scenario(connections), Machine));
        Assert.True(ResourcePlan.For(Scenario(connections), workers, Machine with { PortsPerAddress = 1_000_000 }).Fits);
    }

    [Fact]
    public void Five_thousand_connections_fit_as_given()
    {
        var plan = ResourcePlan.For(Scenario(5_000), workers: 1, Machine);

        Assert.True(plan.Fits);
        Assert.Equal((6_000, 1, 1), (plan.FilesPerProcess, plan.WorkersNeeded, plan.SourceAddressesNeeded));
    }

    [Fact]
    public void The_duration_splits_into_ramp_hold_and_ramp_down()
    {
        var scenario = Scenario(1_000);
        scenario = scenario with { Connections = scenario.Connections with { RampDown = TimeSpan.FromSeconds(5) } };

        var plan = ResourcePlan.For(scenario, workers: 1, Machine);

        Assert.Equal((10, 20, 5, 35), (plan.RampSeconds, plan.HoldSeconds, plan.RampDownSeconds, plan.DurationSeconds));
    }

    [Fact]
    public void Ports_a_wider_range_would_hold_are_offered_the_sysctl_too()
    {
        var plan = ResourcePlan.For(Scenario(40_000), workers: 3, Machine);

        Assert.Equal("40,000 connections from one source address to one address and port need as many ephemeral ports; one address has 28,232 (25,408 usable)", Assert.Single(plan.Problems));
        Assert.Equal(["--source 127.0.0.1-127.0.0.2 (all of 127.0.0.0/8 is loopback)", "or a wider ephemeral port range: sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\""], plan.Fixes);
    }

    [Fact]
    public void A_remote_target_needs_source_addresses_configured_here()
    {
        var scenario = Scenario(100_000) with { Target = new TargetOptions { Url = new Uri("wss://load.example.test/ws") } };

        var plan = ResourcePlan.For(scenario, workers: 6, Machine);

        Assert.False(plan.LoopbackTarget);
        Assert.Contains("4 local source addresses (--source A-B, each configured on an interface here)", plan.Fixes);
        Assert.Equal(10_000 * ResourceCosts.ClientCpuSecondsPerTlsConnect, plan.ClientCoresForPeakOpens, 6); // 100,000 over 10 s
    }

    [Fact]
    public void Opening_more_a_second_than_the_listen_backlog_holds_is_a_warning_for_a_loopback_target()
    {
        var scenario = Scenario(5_000);
        scenario = scenario with { Connections = scenario.Connections with { Ramp = new RampOptions { Strategy = RampStrategy.Burst } } };

        var plan = ResourcePlan.For(scenario, workers: 1, Machine);

        Assert.True(plan.Fits);
        Assert.Equal(5_000, plan.PeakOpensPerSecond);
        Assert.Contains(plan.Warnings, w => w.Contains("net.core.somaxconn) is 4,096", StringComparison.Ordinal) && w.Contains("sysctl -w net.core.somaxconn=8192", StringComparison.Ordinal));
    }

    private static Scenario Scenario(int connections) => new()
    {
        Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:8080/ws") },
        Connections = new ConnectionOptions
        {
            Count = connections,
            Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(10) },
            Hold = TimeSpan.FromSeconds(20),
        },
        Messages = new MessageOptions { RatePerSecond = 0.1 },
    };
}
