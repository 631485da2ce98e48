using WsLoad.Scenarios;

namespace WsLoad.Tests.Cli;

/// <summary>
/// Flags whose values are parsed by <see cref="ScenarioValues"/> (durations, rates, sizes, ramps): these need the
/// real value parsers, so they check the CLI and the scenario model's value forms together.
/// </summary>
public sealed class RunFlagValuesTests : IDisposable
{
    private readonly InProcessCli _cli = new();
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "wsload-flag-values-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _cli.Dispose();
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }

    [Fact]
    public async Task Duration_rate_size_and_ramp_flags_are_parsed_into_the_scenario()
    {
        var exitCode = await _cli.InvokeAsync(
            "run", "--url", "ws://127.0.0.1:1/ws", "--ramp", "exponential:20s", "--hold", "60s", "--ramp-down", "5s",
            "--rate", "2/s", "--size", "256", "--connect-timeout", "3s", "--out", _outDir, "--quiet");

        Assert.True(exitCode == 0, _cli.Error);
        var scenario = _cli.RanScenario!;
        Assert.Equal(RampStrategy.Exponential, scenario.Connections.Ramp.Strategy);
        Assert.Equal(TimeSpan.FromSeconds(20), scenario.Connections.Ramp.Duration);
        Assert.Equal(TimeSpan.FromSeconds(60), scenario.Connections.Hold);
        Assert.Equal(TimeSpan.FromSeconds(5), scenario.Connections.RampDown);
        Assert.Equal(2, scenario.Messages.RatePerSecond);
        Assert.All(scenario.Messages.Types, t => Assert.Equal(SizeSpec.Fixed(256), t.Size));
        Assert.Equal(TimeSpan.FromSeconds(3), scenario.Target.ConnectTimeout);
    }

    [Fact]
    public async Task Total_rate_sets_the_rate_across_all_connections()
    {
        Assert.Equal(0, await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "--total-rate", "10000/s", "--out", _outDir, "-q"));

        Assert.Equal(10_000, _cli.RanScenario!.Messages.TotalRatePerSecond);
    }

    [Theory]
    [InlineData("--hold", "banana", "duration")]
    [InlineData("--rate", "fast", "rate")]
    [InlineData("--size", "big", "size")]
    [InlineData("--ramp", "sideways:3s", "ramp")]
    public async Task A_bad_value_is_a_parse_error_naming_the_value_form(string flag, string value, string form)
    {
        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", flag, value);

        Assert.Equal(2, exitCode);
        Assert.Contains($"'{value}' is not a {form}", _cli.Error);
        Assert.Null(_cli.RanScenario);
    }
}
