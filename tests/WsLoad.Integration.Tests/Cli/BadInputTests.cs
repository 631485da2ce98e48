using WsLoad.Cli;
using WsLoad.Tests.Cli.BadInput;

namespace WsLoad.Tests.Cli;

/// <summary>
/// Bad scenarios and bad flags, through the real loader and validator: one line naming the problem (and where it
/// is), exit 2, and nothing run. Unreachable and misbehaving targets are in <c>Cli/BadInput/</c>.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private const string GoodTarget = "target:\n  url: ws://127.0.0.1:9/ws\n";

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly RealCli _cli = new();

    private CancellationToken Timeout => _timeout.Token;

    public void Dispose()
    {
        _cli.Dispose();
        _timeout.Dispose();
    }

    [Theory]
    [InlineData("bad-indent.yaml", "target:\n  url: ws://127.0.0.1:9/ws\n connections:\n  count: 2\n", 3)]
    [InlineData("unclosed.yaml", GoodTarget + "connections:\n  count: [1, 2\n", 5)]
    [InlineData("unclosed.json", "{\"target\": {\"url\": \"ws://127.0.0.1:9/ws\"}\n", 2)]
    public async Task Malformed_yaml_is_one_line_with_file_line_and_column_and_exits_2(string name, string text, int line)
    {
        var path = _cli.WriteScenario(name, text);

        var exitCode = await _cli.RunAsync(Timeout, path);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        var error = Assert.Single(_cli.ErrorLines);
        Assert.Matches($@"^{Escape(path)}:{line}:\d+: not valid YAML or JSON: ", error);
        AssertNothingRan();
    }

    [Fact]
    public async Task An_unknown_field_is_named_with_a_suggestion_and_exits_2()
    {
        var path = _cli.WriteScenario("typo.yaml", GoodTarget + "conections:\n  count: 2\n");

        var exitCode = await _cli.RunAsync(Timeout, path);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        var error = Assert.Single(_cli.ErrorLines);
        Assert.StartsWith($"{path}:3:1: conections: unknown field 'conections'", error);
        Assert.Contains("did you mean 'connections'?", error);
        AssertNothingRan();
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_field_and_the_value_and_exits_2()
    {
        var path = _cli.WriteScenario("type.yaml", GoodTarget + "connections:\n  count: lots\n");

        var exitCode = await _cli.RunAsync(Timeout, path);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        var error = Assert.Single(_cli.ErrorLines);
        Assert.StartsWith($"{path}:4:10: connections.count: ", error);
        Assert.Contains("'lots'", error);
        AssertNothingRan();
    }

    [Fact]
    public async Task Validate_refuses_a_message_too_small_for_the_stamp_as_run_does()
    {
        // The engine's own limit (the stamp must fit), not only the scenario's rules: validate and run agree.
        var path = _cli.WriteScenario("small.yaml", GoodTarget + "connections: { count: 1, hold: 1s }\nmessages:\n  rate: 1/s\n  types: [{ name: ping, size: 39 }]\n");

        var exitCode = await _cli.InvokeAsync(Timeout, "validate", path);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        var error = Assert.Single(_cli.ErrorLines);
        Assert.Contains("messages.types[0].size: text messages need at least 40 bytes", error);
        AssertNothingRan();
    }

    [Fact]
    public async Task Validate_refuses_a_message_priority_with_file_line_and_field()
    {
        // Once accepted and ignored; validate uses the loader run uses, so both refuse it.
        var path = _cli.WriteScenario("priority.yaml", GoodTarget + "messages:\n  types:\n    - { name: chat, weight: 3, priority: 1 }\n");

        var exitCode = await _cli.InvokeAsync(Timeout, "validate", path);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        var error = Assert.Single(_cli.ErrorLines);
        Assert.StartsWith($"{path}:5:32: messages.types[0].priority: 'priority' is no longer supported: ", error);
        Assert.Contains("no queue to reorder", error);
        AssertNothingRan();
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:9/ws", "scheme 'ftp' is not supported; use ws:// or wss://")]
    [InlineData("not a url", "'not a url' is not a URL")]
    public async Task A_scenario_url_that_is_not_ws_names_the_field_and_exits_2(string url, string message)
    {
        var path = _cli.WriteScenario("url.yaml", $"target:\n  url: {url}\n");

        var exitCode = await _cli.RunAsync(Timeout, path);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        var error = Assert.Single(_cli.ErrorLines);
        Assert.StartsWith($"{path}:2:8: target.url: ", error);
        Assert.Contains(message, error);
        AssertNothingRan();
    }

    [Theory]
    [InlineData("http://x")]
    [InlineData("not a url")]
    [InlineData("ws://")]
    public async Task A_url_flag_that_is_not_ws_is_a_usage_error_naming_the_value(string url)
    {
        var exitCode = await _cli.RunAsync(Timeout, "--url", url);

        Assert.Equal(ExitCodes.UsageError, exitCode);

        // The error, then the usage pointer every parse error ends with.
        Assert.Equal(
            [$"wsload: '{url}' is not a ws:// or wss:// URL", "Run 'wsload --help' or 'wsload COMMAND --help' for usage."],
            _cli.ErrorLines);
        AssertNothingRan();
    }

    [Fact]
    public async Task Every_problem_in_a_file_gets_its_own_line()
    {
        var path = _cli.WriteScenario("many.yaml", "target:\n  url: ftp://127.0.0.1:9/ws\nconnections:\n  count: lots\n  hodl: 5s\n");

        var exitCode = await _cli.RunAsync(Timeout, path);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Equal(3, _cli.ErrorLines.Length);
        Assert.All(_cli.ErrorLines, line => Assert.StartsWith(path + ":", line));
        AssertNothingRan();
    }

    [Fact]
    public async Task Malformed_yaml_through_the_real_executable_is_one_line_on_stderr_and_exits_2()
    {
        var path = _cli.WriteScenario("broken.yaml", GoodTarget + "connections:\n  count: [1, 2\n");

        await using var wsload = WsLoadProcess.Start("run", path, "--out", _cli.OutDir);

        Assert.Equal(ExitCodes.UsageError, await wsload.WaitForExitAsync(Timeout));
        var error = Assert.Single(RealCli.Lines(wsload.StandardError));
        Assert.Matches($@"^{Escape(path)}:5:\d+: not valid YAML or JSON: ", error);
        Assert.Equal("", wsload.StandardOutput);
        Assert.False(Directory.Exists(_cli.OutDir));
    }

    private void AssertNothingRan()
    {
        Assert.Equal("", _cli.Out);
        Assert.False(Directory.Exists(_cli.OutDir), "a scenario error must not create the results folder");
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
