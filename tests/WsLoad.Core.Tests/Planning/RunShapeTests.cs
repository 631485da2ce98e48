using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Planning;

public sealed class RunShapeTests
{
    // This machine: 20,000 open files per process, ports 32768-60999.
    private static readonly MachineLimits Machine = new() { Cores = 2, MemoryAvailableBytes = 22L << 30, OpenFileLimit = 20_000, PortsPerAddress = 28_232 };

    [Theory]
    [InlineData(10_000, 1, null)] // the README's demo: one process, the OS's own source address
    [InlineData(19_000, 1, null)]
    [InlineData(19_001, 2, null)]
    [InlineData(40_000, 3, "127.0.0.1-127.0.0.2")]
    [InlineData(100_000, 6, "127.0.0.1-127.0.0.4")]
    [InlineData(200_000, 11, "127.0.0.1-127.0.0.8")]
    public void Auto_splits_a_loopback_run_past_the_open_file_limit_and_one_addresss_ports(int connections, int workers, string? sources)
    {
        var shape = RunShape.Choose(Scenario(connections), workers: null, Machine);

        Assert.Equal((workers, true, sources), (shape.Workers, shape.AutoWorkers, shape.ChosenSourceAddresses));
        Assert.Equal(sources is null ? [] : [sources], shape.Scenario.Connections.SourceAddresses);
        Assert.True(shape.Plan.Fits, string.Join("; ", shape.Plan.Problems));
    }

    [Fact]
    public void A_given_worker_count_stands_and_the_plan_says_it_is_short()
    {
        var shape = RunShape.Choose(Scenario(100_000), workers: 1, Machine);

        Assert.Equal((1, false), (shape.Workers, shape.AutoWorkers));
        Assert.Equal("127.0.0.1-127.0.0.4", shape.ChosenSourceAddresses);
        Assert.Contains("100,000 connections in one process need 101,000 open files; a process may open 20,000", Assert.Single(shape.Plan.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_source_addresses_are_never_replaced()
    {
        var scenario = Scenario(100_000);
        scenario = scenario with { Connections = scenario.Connections with { SourceAddresses = ["127.0.0.9"] } };

        var shape = RunShape.Choose(scenario, workers: null, Machine);

        Assert.Null(shape.ChosenSourceAddresses);
        Assert.Equal(["127.0.0.9"], shape.Scenario.Connections.SourceAddresses);
        Assert.False(shape.Plan.Fits); // 100,000 from one address: the plan says so, and run stops
    }

    [Theory]
    [InlineData("ws://localhost:8080/ws")] // may be ::1, which a 127.0.0.x source cannot reach
    [InlineData("ws://[::1]:8080/ws")]
    [InlineData("wss://load.example.test/ws")] // sources for a remote target must be configured on an interface here
    public void Sources_are_chosen_only_toward_an_IPv4_loopback_address(string url)
    {
        var scenario = Scenario(100_000) with { Target = new TargetOptions { Url = new Uri(url) } };

        var shape = RunShape.Choose(scenario, workers: null, Machine);

        Assert.Null(shape.ChosenSourceAddresses);
        Assert.Empty(shape.Scenario.Connections.SourceAddresses);
    }

    [Fact]
    public void Nothing_chosen_is_nothing_said()
    {
        var shape = RunShape.Choose(Scenario(10_000), workers: null, Machine);

        Assert.Null(shape.Describe());
        Assert.Empty(shape.Scenario.Connections.SourceAddresses);
    }

    [Fact]
    public void What_was_chosen_is_said_in_one_line()
    {
        var line = RunShape.Choose(Scenario(40_000), workers: null, Machine).Describe();

        Assert.Equal(
            "3 worker processes (--workers auto: 13,334 connections each against 20,000 open files); "
            + "source addresses 127.0.0.1-127.0.0.2 (one address has 25,408 usable ports toward the target; 20,000 connections each)",
            line);
    }

    private static Scenario Scenario(int connections) => new()
    {
        Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:8080/ws") },
        Connections = new ConnectionOptions
        {
            Count = connections,
            Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(100) },
            Hold = TimeSpan.FromSeconds(20),
        },
        Messages = new MessageOptions { RatePerSecond = 0.1 },
    };
}
