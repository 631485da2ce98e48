using WsLoad.Scenarios;
using WsLoad.Suites;

namespace WsLoad.Tests.Suites;

/// <summary>Suite files: what loads, and bad ones reported at file:line:col with what to write instead.</summary>
public sealed class SuiteLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsload-suite-loader-" + Guid.NewGuid().ToString("N"));

    public SuiteLoaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_suite_of_files_inline_scenarios_overrides_variables_and_a_parallel_group_loads()
    {
        Write("echo.yaml", """
            name: echo
            target: { url: "${url}" }
            connections: { count: 10, ramp: linear:1s, hold: 10s }
            messages: { rate: 1/s }
            """);
        var suite = Load("""
            name: release
            variables: { url: "ws://127.0.0.1:9001/ws", count: "25" }
            onFailure: stop
            targets: ["scenarios.passed >= 95%"]
            scenarios:
              - file: echo.yaml
                override: { connections: { count: "${count}" } }
              - parallel:
                  - { name: inline-a, scenario: { target: { url: "${url}" }, connections: { count: 5 } } }
                  - { file: echo.yaml, name: echo-again, passWhen: thresholds, needs: [embedded-server], server: { mode: ack } }
            """);

        Assert.Equal("release", suite.Name);
        Assert.Equal(SuiteFailurePolicy.Stop, suite.OnFailure);
        Assert.Equal(["scenarios.passed >= 95%"], suite.Targets);
        Assert.Equal([false, true], suite.Steps.Select(s => s.Parallel));
        var scenarios = suite.Scenarios.ToList();
        Assert.Equal(["echo", "inline-a", "echo-again"], scenarios.Select(s => s.Name));
        Assert.Equal(25, scenarios[0].Scenario.Connections.Count); // the override, with a variable in it
        Assert.Equal(TimeSpan.FromSeconds(10), scenarios[0].Scenario.Connections.Hold); // the rest of the file kept
        Assert.Equal(new Uri("ws://127.0.0.1:9001/ws"), scenarios[1].Scenario.Target.Url);
        Assert.Equal(PassRule.Thresholds, scenarios[2].PassWhen);
        Assert.Equal("ack", scenarios[2].Server!.Mode);

        // Resolved again at run time with the URL of the server started for it.
        var resolved = scenarios[2].Resolve(new Dictionary<string, string> { ["url"] = "ws://127.0.0.1:4242/ws", ["count"] = "1" });
        Assert.Equal(new Uri("ws://127.0.0.1:4242/ws"), resolved.Target.Url);
    }

    [Fact]
    public void A_missing_scenario_file_is_named_where_the_suite_names_it()
    {
        var error = Assert.Single(Errors("""
            scenarios:
              - file: nowhere.yaml
            """));

        Assert.Equal(("suite.yaml", 2, 11), (Path.GetFileName(error.File), error.Line, error.Column));
        Assert.Contains("scenario file 'nowhere.yaml' not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("paths are relative to the suite file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_checkpoint_action_in_a_scenario_file_is_reported_in_that_file_with_the_allowed_ones()
    {
        Write("bad.yaml", """
            target: { url: "ws://127.0.0.1:1/ws" }
            checkpoints:
              - { when: "rtt.p99[10s] > 500ms", action: explode }
            """);

        var error = Assert.Single(Errors("scenarios: [ { file: bad.yaml } ]"));

        Assert.Equal(("bad.yaml", 3, 45), (Path.GetFileName(error.File), error.Line, error.Column));
        Assert.Equal("checkpoints[0].action", error.Field);
        Assert.Contains("unknown action 'explode'; allowed: abort, ramp-down, pause-ramp, alert, mark", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_on_an_unknown_metric_and_a_window_that_is_not_a_duration_are_each_reported()
    {
        var errors = Errors("""
            scenarios:
              - scenario:
                  target: { url: "ws://127.0.0.1:1/ws" }
                  checkpoints:
                    - { when: "rtt.p98[10s] > 500ms", action: abort }
                    - { when: "errors.rate[soon] > 1%", action: mark }
            """);

        Assert.Equal(2, errors.Count);
        Assert.Equal((5, "scenarios[0].scenario.checkpoints[0].when"), (errors[0].Line, errors[0].Field));
        Assert.Contains("unknown live metric 'rtt.p98' (did you mean 'rtt.p90'?)", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal((6, "scenarios[0].scenario.checkpoints[1].when"), (errors[1].Line, errors[1].Field));
        Assert.Contains("the window 'soon' is not a duration; write whole seconds such as 10s", errors[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("before: [ { check: disk-space } ]\nscenarios: [ { scenario: { target: { url: 'ws://127.0.0.1:1/ws' } } } ]", 1, "unknown check 'disk-space'")]
    [InlineData("targets: ['scenarios.passed >= lots']\nscenarios: [ { scenario: { target: { url: 'ws://127.0.0.1:1/ws' } } } ]", 1, "scenarios.passed: cannot read 'lots'")]
    [InlineData("onFailure: halt\nscenarios: [ { scenario: { target: { url: 'ws://127.0.0.1:1/ws' } } } ]", 1, "unknown value 'halt'; allowed: continue")]
    [InlineData("scenarios: [ { scenario: { target: { url: '${where}' } } } ]", 1, "unknown variable ${where}; define it under variables:")]
    [InlineData("scenarios: [ { scenario: { target: { url: '${url}' } } } ]", 1, "give the suite a server:")]
    [InlineData("scenarios: []", 1, "the suite runs no scenario")]
    [InlineData("name: x", 1, "missing required field 'scenarios'")]
    [InlineData("scenarios: [ { name: lost } ]", 1, "each item names one scenario: file: path/to/scenario.yaml, or scenario:")]
    [InlineData("scenarios: [ { scenario: { target: { url: 'ws://127.0.0.1:1/ws' } }, needs: [kubernetes] } ]", 1, "unknown need 'kubernetes'")]
    [InlineData("before: [ { check: free-memory, min: lots } ]\nscenarios: [ { scenario: { target: { url: 'ws://127.0.0.1:1/ws' } } } ]", 1, "'lots' is not an amount of memory")]
    public void A_bad_suite_says_where_and_what_to_write(string text, int line, string expected)
    {
        var error = Errors(text)[0];

        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_that_needs_the_embedded_server_without_one_is_refused()
    {
        var error = Assert.Single(Errors("""
            variables: { target: "ws://127.0.0.1:1/ws" }
            scenarios: [ { scenario: { target: { url: "${target}" } }, needs: [embedded-server] } ]
            """));

        Assert.Contains("needs the embedded server but has none", error.Message, StringComparison.Ordinal);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private Suite Load(string text)
    {
        Write("suite.yaml", text);
        return SuiteLoader.LoadFile(Path.Combine(_folder, "suite.yaml"));
    }

    private IReadOnlyList<ScenarioError> Errors(string text) => Assert.Throws<ScenarioException>(() => Load(text)).Errors;
}
