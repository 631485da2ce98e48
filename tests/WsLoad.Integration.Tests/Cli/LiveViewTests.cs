using WsLoad.Cli;
using WsLoad.Cli.Console;
using WsLoad.Engine;

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

    [Fact]
    public void Off_a_terminal_it_prints_one_line_every_five_seconds_of_run_time()
    {
        using var output = new StringWriter();
        var view = new LiveView(CliConsole.Plain(output, TextWriter.Null));

        for (var second = 1; second <= 12; second++)
        {
            view.OnInterval(At(second));
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("[0:05/0:53]", lines[0]);
        Assert.StartsWith("[0:10/0:53]", lines[1]);
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
        var view = new LiveView(CliConsole.Plain(output, TextWriter.Null));

        var result = await view.ShowWhileAsync(() => Task.FromResult(42)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(42, result);
        Assert.Equal("", output.ToString());
    }
}
