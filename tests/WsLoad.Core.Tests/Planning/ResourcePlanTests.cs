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
        Assert.Equal(["--workers 6 (each process then holds about 16,667)", "--source 127.0.0.1-127.0.0.4 (all of 127.0.0.0/8 is loopback)"], plan.Fixes);
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
        Assert.Equal(ResourcePlan.ClientBaseBytes + (1_000 * ResourcePlan.ClientBytesPerConnection), plan.ClientMemoryBytes);
        Assert.Equal(1_000 * ResourcePlan.KernelBytesPerConnection, plan.KernelMemoryBytes);
        Assert.Equal(2_000 * ResourcePlan.ClientCpuSecondsPerMessage, plan.ClientCoresAtPeakRate, 6);

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
