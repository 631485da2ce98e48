using WsLoad.Cli;
using WsLoad.Cli.Console;
using WsLoad.Metrics;
using WsLoad.Planning;

namespace WsLoad.Tests.Cli;

public class LiveViewTests
{
    private static LiveSnapshot At(int seconds) => new()
    {
        Elapsed = TimeSpan.FromSeconds(seconds),
        Planned = TimeSpan.FromSeconds(53),
        Phase = "ramp-up",
        TargetConnections = 10_000,
        OpenConnections = 4_321,
        ConnectsFailed = 2,
        Dropped = 1,
        SentPerSec = 4_300,
        ReceivedPerSec = 4_298.5,
        RttP50Ms = 0.75,
        RttP99Ms = 12.5,
        ErrorsByClass = new Dictionary<string, long> { ["connect_timeout"] = 2 },
    };

    private static IntervalSnapshot Interval(int index, long failed = 0, long dropped = 0, Dictionary<string, long>? errors = null) => new()
    {
        Index = index,
        StartSeconds = index,
        EndSeconds = index + 1,
        Phase = PlanPhase.RampUp,
        TargetConnections = 10_000,
        OpenConnections = 4_321,
        Counters = new SnapshotCounters { Sent = 4_300, Received = 4_299, ConnectsFailed = failed, Dropped = dropped },
        ErrorsByClass = errors ?? [],
    };

    [Fact]
    public async Task Off_a_terminal_it_prints_one_line_every_five_seconds_of_run_time()
    {
        using var output = new StringWriter();
        var view = new LiveView(CliConsole.Plain(output, TextWriter.Null), TimeSpan.FromSeconds(53));

        for (var index = 0; index < 12; index++)
        {
            view.OnInterval(Interval(index));
        }

        Assert.True(await view.DrainAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("[0:05/0:53]", lines[0]);
        Assert.StartsWith("[0:10/0:53]", lines[1]);
    }

    [Fact]
    public void It_keeps_running_totals_of_failures_drops_and_errors_from_the_snapshots()
    {
        var view = new LiveView(CliConsole.Plain(TextWriter.Null, TextWriter.Null), TimeSpan.FromSeconds(53));

        _ = view.Fold(Interval(0, failed: 2, errors: new() { ["connect-timeout"] = 2 }));
        var live = view.Fold(Interval(1, dropped: 1, errors: new() { ["connect-timeout"] = 1, ["close-1006"] = 1 }));

        Assert.Equal((2L, 1L), (live.ConnectsFailed, live.Dropped));
        Assert.Equal(new Dictionary<string, long> { ["connect-timeout"] = 3, ["close-1006"] = 1 }, live.ErrorsByClass);
        Assert.Equal((4_300.0, 4_299.0, "ramp-up"), (live.SentPerSec, live.ReceivedPerSec, live.Phase));
        Assert.Equal(TimeSpan.FromSeconds(2), live.Elapsed);
    }

    [Fact]
    public void The_plain_line_has_every_live_figure()
    {
        var line = LiveView.PlainLine(At(7));

        Assert.Equal(
            "[0:07/0:53] ramp-up: 4,321/10,000 open, 2 failed, 1 dropped, 4,300 msg/s out, 4,299 msg/s in, "
            + "rtt p50 0.75 ms p99 12.5 ms, errors: connect_timeout=2",
            line);
    }

    [Fact]
    public async Task Off_a_terminal_the_run_is_awaited_without_a_live_display()
    {
        using var output = new StringWriter();
        var view = new LiveView(CliConsole.Plain(output, TextWriter.Null), TimeSpan.FromSeconds(53));

        var result = await view.ShowWhileAsync(() => Task.FromResult(42)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(42, result);
        Assert.Equal("", output.ToString());
    }
}
