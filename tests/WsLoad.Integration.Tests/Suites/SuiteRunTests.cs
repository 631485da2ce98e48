using WsLoad.Suites;

namespace WsLoad.Tests.Suites;

/// <summary>Suites run against the embedded server: checks that skip, the failure policy, cleanup, and suite.json.</summary>
[Collection(nameof(InProcessSuiteServer))]
public sealed class SuiteRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsload-suite-run-" + Guid.NewGuid().ToString("N"));

    public SuiteRunTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Short = "connections: { count: 5, ramp: linear:1s, hold: 2s }\n      messages: { rate: 2/s }";

    [Fact]
    public async Task A_failing_before_check_skips_its_scenario_with_the_reason_and_the_suite_goes_on()
    {
        var suite = Load($$"""
            server: { mode: echo }
            targets: ["scenarios.skipped <= 1"]
            cleanup: [ { run: "touch {{_folder}}/cleaned", timeout: 5s } ]
            scenarios:
              - name: guarded
                before: [ { check: command, run: "echo disk full >&2; exit 3", remedy: "free some disk" } ]
                scenario:
                  target: { url: "${url}" }
                  {{Short}}
              - name: free
                passWhen: thresholds
                scenario:
                  target: { url: "${url}" }
                  {{Short}}
            """);

        var result = await TestSuite.RunAsync(suite, Options());

        var (guarded, free) = (result.Scenarios[0], result.Scenarios[1]);
        Assert.Equal(ScenarioOutcome.Skipped, guarded.Outcome);
        Assert.Equal("not run: before check command failed: `echo disk full >&2; exit 3` exited 3: disk full; free some disk", guarded.Reason);
        Assert.Null(guarded.RunJson);
        Assert.Equal(ScenarioOutcome.Passed, free.Outcome);
        Assert.True(File.Exists(Path.Combine(_folder, "out", free.RunJson!)));
        Assert.Equal(SuiteVerdict.Go, result.Verdict);
        Assert.True(File.Exists(Path.Combine(_folder, "cleaned")));
        Assert.Equal(0, InProcessSuiteServer.Running);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "suite.json")));
    }

    [Fact]
    public async Task With_on_failure_stop_the_scenarios_after_a_failure_are_skipped_saying_why()
    {
        var suite = Load($$"""
            server: { mode: echo }
            onFailure: stop
            scenarios:
              - name: strict
                passWhen: thresholds
                scenario:
                  target: { url: "${url}" }
                  {{Short}}
                  thresholds: ["rtt.p99 < 1us"]
              - name: never
                scenario:
                  target: { url: "${url}" }
                  {{Short}}
            """);

        var result = await TestSuite.RunAsync(suite, Options());

        Assert.Equal(ScenarioOutcome.Failed, result.Scenarios[0].Outcome);
        Assert.Contains("rtt.p99 < 1us", result.Scenarios[0].Reason, StringComparison.Ordinal);
        Assert.Equal(ScenarioOutcome.Skipped, result.Scenarios[1].Outcome);
        Assert.Equal("not run: onFailure is stop, and 'strict' did not pass", result.Scenarios[1].Reason);
        Assert.Equal(SuiteVerdict.NoGo, result.Verdict);
        Assert.Equal(0, InProcessSuiteServer.Running);
    }

    [Fact]
    public async Task Against_another_target_a_scenario_that_needs_the_embedded_server_does_not_apply()
    {
        await using var server = await WsLoad.Server.TargetServer.StartAsync(new WsLoad.Server.TargetServerOptions(), CancellationToken.None);
        var suite = Load($$"""
            server: { mode: echo }
            scenarios:
              - name: faults
                needs: [embedded-server]
                scenario:
                  target: { url: "${url}" }
                  {{Short}}
              - name: plain
                passWhen: thresholds
                before: [ { check: reachable } ]
                scenario:
                  target: { url: "${url}" }
                  {{Short}}
            """);

        var startedBefore = InProcessSuiteServer.Started;

        var result = await TestSuite.RunAsync(suite, Options() with { TargetUrl = server.WebSocketUrl });

        Assert.Equal(ScenarioOutcome.NotApplicable, result.Scenarios[0].Outcome);
        Assert.Contains("injects faults through the suite's own server", result.Scenarios[0].Reason, StringComparison.Ordinal);
        Assert.Equal(ScenarioOutcome.Passed, result.Scenarios[1].Outcome);
        Assert.True(result.Scenarios[1].Before.Single().Passed, result.Scenarios[1].Before.Single().Detail);
        Assert.Equal(SuiteVerdict.Go, result.Verdict);
        Assert.Equal(startedBefore, InProcessSuiteServer.Started); // no server of its own against another target
    }

    private Suite Load(string text)
    {
        var path = Path.Combine(_folder, "suite.yaml");
        File.WriteAllText(path, text);
        return SuiteLoader.LoadFile(path);
    }

    private SuiteOptions Options() => new() { OutDirectory = Path.Combine(_folder, "out"), StartServer = InProcessSuiteServer.StartAsync };
}

[CollectionDefinition(nameof(InProcessSuiteServer), DisableParallelization = true)]
public sealed class InProcessSuiteServerCollection;
