using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Acceptance;

/// <summary>
/// Each ramp strategy, run for real against the embedded server, yields its planned curve in run.json's per-second
/// series. Samples are compared with the plan away from step edges (a sample may land a few ms either side of one).
/// </summary>
public sealed class RampSeriesTests
{
    [Fact]
    public async Task Stepped_ramp_holds_each_plateau()
    {
        var series = await RunAsync(new RampOptions { Strategy = RampStrategy.Stepped, Steps = 3, Plateau = TimeSpan.FromSeconds(2) }, count: 300);

        AssertOpenAt(series, 1, 100);
        AssertOpenAt(series, 3, 200);
        AssertOpenAt(series, 5, 300);
        Assert.Equal(300, series.Max(s => s.OpenConnections));
    }

    [Fact]
    public async Task Burst_ramp_opens_batches()
    {
        var series = await RunAsync(new RampOptions { Strategy = RampStrategy.Burst, BatchSize = 150, Interval = TimeSpan.FromSeconds(2) }, count: 300);

        AssertOpenAt(series, 1, 150);
        AssertOpenAt(series, 3, 300);
    }

    [Fact]
    public async Task Exponential_ramp_is_back_loaded_and_reaches_the_count()
    {
        var series = await RunAsync(new RampOptions { Strategy = RampStrategy.Exponential, Duration = TimeSpan.FromSeconds(4) }, count: 400);

        var early = series.Where(s => s.AtSeconds <= 2.2).ToList();
        Assert.NotEmpty(early);
        Assert.All(early, s => Assert.True(s.OpenConnections < 200, $"{s.OpenConnections} open at {s.AtSeconds}s: an exponential ramp opens most connections late"));
        AssertOpenAt(series, 5, 400);
        for (var i = 1; i < series.Count; i++)
        {
            Assert.True(series[i].TargetConnections >= series[i - 1].TargetConnections || series[i].AtSeconds > 5.5);
        }
    }

    [Fact]
    public async Task Linear_ramp_grows_evenly()
    {
        var series = await RunAsync(new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(4) }, count: 400);

        // Half-way, the plan wants about half open, and the connections follow it. Open may trail the plan by a held-up
        // second of the shared test process (seen in CI: 126 open against 200 planned after a ~0.7 s hold-up).
        var atTwo = series.First(s => s.AtSeconds >= 2);
        Assert.InRange(atTwo.TargetConnections, (100 * atTwo.AtSeconds) - 5, (100 * atTwo.AtSeconds) + 5); // 100 a second
        Assert.InRange(atTwo.OpenConnections, 100, 300);
        AssertOpenAt(series, 5, 400);
    }

    /// <summary>The sample nearest to <paramref name="second"/> has exactly the planned count open.</summary>
    private static void AssertOpenAt(IReadOnlyList<IntervalSample> series, double second, int expected)
    {
        var sample = series.MinBy(s => Math.Abs(s.AtSeconds - second))!;
        Assert.True(Math.Abs(sample.AtSeconds - second) < 0.5, $"no sample near {second}s");
        Assert.Equal(expected, sample.TargetConnections);
        Assert.Equal(expected, sample.OpenConnections);
    }

    /// <summary>Runs the ramp with idle connections and a 2 s hold, and reads the series back from run.json.</summary>
    private static async Task<IReadOnlyList<IntervalSample>> RunAsync(RampOptions ramp, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var work = new TemporaryDirectory("wsload-ramp");
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), timeout.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions { Count = count, Ramp = ramp, Hold = TimeSpan.FromSeconds(2) },
            Messages = new MessageOptions { RatePerSecond = 0 },
        };

        // A short warm-up first: a cold process (JIT, first sockets) can take over a second for its first 100 connects,
        // which is start-up, not the ramp's timing.
        var warmUp = scenario with { Connections = new ConnectionOptions { Count = 50, Ramp = new RampOptions { Strategy = RampStrategy.Burst }, Hold = TimeSpan.FromMilliseconds(300) } };
        _ = await LoadTest.RunAsync(warmUp, cancellationToken: timeout.Token);
        var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);
        await RunResultJson.WriteAsync(result, work.File("run.json"), timeout.Token);
        var read = await RunResultJson.ReadAsync(work.File("run.json"), timeout.Token);

        Assert.Equal(count, read.Summary.Connections.Established);
        return read.Series;
    }
}
