using WsLoad.Cli;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Cli;

/// <summary>A broadcast from flags alone: --expect broadcast, a channel template in --url, --publishers (fake engine: no socket opens).</summary>
public sealed class BroadcastFlagsTests : IDisposable
{
    private readonly InProcessCli _cli = new();
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "wsload-broadcast-flags-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _cli.Dispose();
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("10", 10, null)]
    [InlineData("2%", null, 2.0)]
    public async Task Publishers_and_the_channel_template_come_from_flags(string publishers, int? count, double? percent)
    {
        var exitCode = await _cli.InvokeAsync(
            "run", "--url", "ws://127.0.0.1:1/ws?channel={{connectionId % 10}}", "-c", "100", "--expect", "broadcast", "--publishers", publishers, "--rate", "1/s",
            "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.Passed, exitCode);
        var scenario = _cli.RanScenario!;
        Assert.Equal(ExpectMode.Broadcast, scenario.Messages.Expect);
        Assert.Equal((count, percent), (scenario.Messages.Broadcast!.Publishers, scenario.Messages.Broadcast.PublisherPercent));
        Assert.Equal("ws://127.0.0.1:1/ws?channel={{connectionId % 10}}", scenario.Target.Url.OriginalString);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("150%")]
    [InlineData("some")]
    public async Task Publishers_is_a_count_or_a_share(string publishers)
    {
        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "--expect", "broadcast", "--publishers", publishers, "--out", _outDir, "-q");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Contains($"'{publishers}' is not a number of publishers", _cli.Error, StringComparison.Ordinal);
    }
}
