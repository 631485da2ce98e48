using System.Text.Json;
using WsLoad.Cli;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "wsload-cli-tests-" + Guid.NewGuid().ToString("N"));
    private readonly InProcessCli _cli = new();

    public void Dispose()
    {
        _cli.Dispose();
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("run", "--connections", "many", "--url", "ws://127.0.0.1:1/ws")]
    [InlineData("run", "--url", "http://127.0.0.1:1/")]
    [InlineData("run", "--url", "ws://127.0.0.1:1/ws", "--no-such-flag", "x")]
    [InlineData("run", "--url", "ws://127.0.0.1:1/ws", "--expect", "sometimes")]
    [InlineData("run", "--url", "ws://127.0.0.1:1/ws", "--header", "no-equals-sign")]
    [InlineData("serve", "--mode", "chaos")]
    [InlineData("validate")]
    [InlineData("frobnicate")]
    [InlineData()]
    public async Task Parse_errors_are_printed_and_exit_2(params string[] args)
    {
        var exitCode = await _cli.InvokeAsync(args);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.StartsWith("wsload: ", _cli.Error);
        Assert.Null(_cli.RanScenario);
    }

    [Fact]
    public async Task Help_lists_the_commands_with_examples_and_exits_0()
    {
        Assert.Equal(0, await _cli.InvokeAsync("--help"));

        Assert.Contains("Examples:", _cli.Out);
        foreach (var command in new[] { "run", "demo", "serve", "validate" })
        {
            Assert.Contains(command, _cli.Out);
        }
    }

    [Fact]
    public async Task Run_help_shows_its_own_examples()
    {
        Assert.Equal(0, await _cli.InvokeAsync("run", "--help"));

        Assert.Contains("--total-rate", _cli.Out);
        Assert.Contains("Examples:", _cli.Out);
        Assert.Contains("wsload run scenario.yaml", _cli.Out);
    }

    [Fact]
    public async Task Run_flags_reach_the_engine_as_a_scenario()
    {
        var exitCode = await _cli.InvokeAsync(
            "run", "--url", "ws://127.0.0.1:1/ws", "-c", "25", "--expect", "none", "--binary",
            "-H", "X-A=1", "--header", "X-B=two=2", "--subprotocol", "chat", "-k",
            "-t", "rtt.p99 < 200ms", "--threshold", "connect.success > 99%", "--name", "named", "--out", _outDir, "-q");

        Assert.Equal(0, exitCode);
        var scenario = Assert.IsType<Scenario>(_cli.RanScenario);
        Assert.Equal("named", scenario.Name);
        Assert.Equal(25, scenario.Connections.Count);
        Assert.Equal(ExpectMode.None, scenario.Messages.Expect);
        Assert.All(scenario.Messages.Types, t => Assert.Equal(PayloadFormat.Binary, t.Format));
        Assert.Equal("1", scenario.Target.Headers["X-A"]);
        Assert.Equal("two=2", scenario.Target.Headers["X-B"]);
        Assert.Equal(["chat"], scenario.Target.Subprotocols);
        Assert.True(scenario.Target.Tls.Insecure);
        Assert.Equal(["rtt.p99 < 200ms", "connect.success > 99%"], scenario.Thresholds);
    }

    [Fact]
    public async Task Flags_override_the_scenario_file()
    {
        _cli.Files["s.yaml"] = SampleRuns.Scenario("ws://file.test/ws") with
        {
            Connections = new ConnectionOptions { Count = 3 },
            Thresholds = ["rtt.p50 < 1s"],
        };

        var exitCode = await _cli.InvokeAsync("run", "s.yaml", "--connections", "40", "--out", _outDir, "--quiet");

        Assert.Equal(0, exitCode);
        Assert.Equal(40, _cli.RanScenario!.Connections.Count);
        Assert.Equal(new Uri("ws://file.test/ws"), _cli.RanScenario.Target.Url);
        Assert.Equal(["rtt.p50 < 1s"], _cli.RanScenario.Thresholds);
    }

    [Fact]
    public async Task Validation_errors_are_printed_one_per_line_and_nothing_runs()
    {
        _cli.ValidationErrors.Add(new ScenarioError { Field = "connections.count", Message = "must be at least 1" });
        _cli.ValidationErrors.Add(new ScenarioError { Field = "messages.rate", Message = "must not be negative" });

        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "-c", "0", "--out", _outDir);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Null(_cli.RanScenario);
        Assert.Equal(
            ["connections.count: must be at least 1", "messages.rate: must not be negative"],
            _cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Run_without_url_or_file_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.UsageError, await _cli.InvokeAsync("run", "--connections", "5"));
        Assert.Contains("--url", _cli.Error);
    }

    [Theory]
    [InlineData(RunStatus.Completed, 0, "PASSED")]
    [InlineData(RunStatus.ThresholdsFailed, 1, "FAILED")]
    [InlineData(RunStatus.Interrupted, 3, "INTERRUPTED")]
    [InlineData(RunStatus.Aborted, 3, "ABORTED")]
    public async Task The_run_status_decides_the_exit_code_and_the_verdict(RunStatus status, int expectedExitCode, string verdict)
    {
        _cli.Result = SampleRuns.Result(status);

        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "--out", _outDir, "--quiet");

        Assert.Equal(expectedExitCode, exitCode);
        var line = Assert.Single(_cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(verdict + ":", line);
        Assert.Equal(Path.Combine(_outDir, "run.json"), _cli.WrittenRunJsonPath);
        Assert.True(Directory.Exists(_outDir));
    }

    [Fact]
    public async Task Json_output_prints_only_the_summary_blocks_of_run_json()
    {
        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "--out", _outDir, "--output", "json");

        Assert.Equal(0, exitCode);
        Assert.Empty(_cli.RanOptions!.Sinks);
        using var json = JsonDocument.Parse(_cli.Out);
        Assert.Equal(299_940, json.RootElement.GetProperty("summary").GetProperty("messages").GetProperty("sent").GetInt64());
        Assert.Equal("Completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(Path.Combine(_outDir, "run.json"), json.RootElement.GetProperty("runJson").GetString());
        Assert.False(json.RootElement.TryGetProperty("series", out _));
    }

    [Fact]
    public async Task Default_output_has_a_live_view_and_the_summary_table()
    {
        var exitCode = await _cli.InvokeAsync("run", "--url", "ws://127.0.0.1:1/ws", "--out", _outDir);

        Assert.Equal(0, exitCode);
        Assert.Equal(["console"], _cli.RanOptions!.Sinks.Select(s => s.Name));
        Assert.Contains("Thresholds", _cli.Out);
        Assert.Contains("PASSED:", _cli.Out);
    }

    [Fact]
    public async Task Validate_prints_ok_and_exits_0()
    {
        _cli.Files["good.yaml"] = SampleRuns.Scenario();

        Assert.Equal(0, await _cli.InvokeAsync("validate", "good.yaml"));
        Assert.Equal("good.yaml: ok", _cli.Out.Trim());
    }

    [Fact]
    public async Task Validate_prints_every_loader_error_and_exits_2()
    {
        Assert.Equal(ExitCodes.UsageError, await _cli.InvokeAsync("validate", "missing.yaml"));
        Assert.Equal("missing.yaml: file not found", _cli.Error.Trim());
    }

    [Fact]
    public async Task An_unexpected_exception_is_one_line_without_a_stack_trace()
    {
        _cli.Files["s.yaml"] = SampleRuns.Scenario();
        _cli.EngineFailure = new InvalidOperationException("engine bug");

        var exitCode = await _cli.InvokeAsync("run", "s.yaml", "--out", _outDir, "--quiet");

        Assert.Equal(ExitCodes.InternalError, exitCode);
        var line = Assert.Single(_cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("wsload: internal error: ", line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        _cli.Files["s.yaml"] = SampleRuns.Scenario();
        _cli.EngineFailure = new InvalidOperationException("engine bug");

        await _cli.InvokeAsync("run", "s.yaml", "--out", _outDir, "--quiet", "--verbose");

        Assert.Contains(" at ", _cli.Error);
    }
}
