using System.Globalization;
using WsLoad.Cli;
using WsLoad.Suites;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Suites;

/// <summary><c>wsload suite</c> as a user runs it, as a real process: Ctrl+C, bad files, and the results it leaves.</summary>
public sealed class SuiteCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsload-suite-cli-" + Guid.NewGuid().ToString("N"));

    public SuiteCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Ctrl_C_in_a_scenario_still_runs_the_cleanup_stops_every_process_the_suite_started_and_writes_suite_json()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var marker = Path.Combine(_folder, "cleaned");
        File.WriteAllText(Path.Combine(_folder, "suite.yaml"), $$"""
            name: interrupted
            server: { mode: echo }
            cleanup: [ { run: "touch {{marker}}", timeout: 10s } ]
            scenarios:
              - name: long
                scenario:
                  target: { url: "${url}" }
                  connections: { count: 20, ramp: linear:1s, hold: 60s }
                  messages: { rate: 2/s }
              - name: later
                scenario:
                  target: { url: "${url}" }
                  connections: { count: 5, hold: 5s }
            """);
        var outDirectory = Path.Combine(_folder, "out");
        await using var wsload = WsLoadProcess.Start("suite", Path.Combine(_folder, "suite.yaml"), "--out", outDirectory, "--no-warm-up");

        // Once the scenario runs, its embedded server is a child process of wsload.
        var children = await WaitForChildrenAsync(wsload, cts.Token);
        await Task.Delay(TimeSpan.FromSeconds(2), cts.Token);
        await wsload.SendInterruptAsync(cts.Token);
        var exitCode = await wsload.WaitForExitAsync(cts.Token);

        Assert.True(exitCode == ExitCodes.Interrupted, $"exit {exitCode}: {wsload}");
        Assert.True(File.Exists(marker), $"the cleanup did not run: {wsload}");
        foreach (var child in children)
        {
            Assert.False(await IsRunningAsync(child, cts.Token), $"process {child}, started by the suite, is still running");
        }

        var result = await SuiteResultJson.ReadAsync(Path.Combine(outDirectory, "suite.json"), cts.Token);
        Assert.True(result.Interrupted);
        Assert.Equal(SuiteVerdict.Inconclusive, result.Verdict);
        Assert.Equal([ScenarioOutcome.Interrupted, ScenarioOutcome.Skipped], result.Scenarios.Select(s => s.Outcome));
        Assert.True(File.Exists(Path.Combine(outDirectory, result.Scenarios[0].RunJson!)), "the interrupted scenario's run.json");
        Assert.Equal(0, result.Cleanup.Single().ExitCode);
        Assert.All(SuiteFiles, f => Assert.True(File.Exists(Path.Combine(outDirectory, f)), f));
    }

    [Fact]
    public async Task A_bad_suite_file_exits_2_naming_file_line_and_column_before_anything_runs()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        File.WriteAllText(Path.Combine(_folder, "suite.yaml"), """
            scenarios:
              - file: missing.yaml
              - scenario:
                  target: { url: "ws://127.0.0.1:1/ws" }
                  checkpoints: [ { when: "rtt.p99[10s] > 500ms", action: explode } ]
            """);
        await using var wsload = WsLoadProcess.Start("suite", Path.Combine(_folder, "suite.yaml"), "--out", Path.Combine(_folder, "out"));

        var exitCode = await wsload.WaitForExitAsync(cts.Token);

        Assert.Equal(ExitCodes.UsageError, exitCode);
        var lines = wsload.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("suite.yaml:2:11: scenarios[0].file: scenario file 'missing.yaml' not found", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("suite.yaml:5:62: scenarios[1].scenario.checkpoints[0].action: unknown action 'explode'; allowed: abort, ramp-down, pause-ramp, alert, mark", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")), "nothing should run, or be written");
    }

    [Fact]
    public async Task Validate_knows_a_suite_and_report_writes_its_reports_again_from_suite_json()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        File.WriteAllText(Path.Combine(_folder, "suite.yaml"), """
            server: { mode: echo }
            scenarios: [ { scenario: { target: { url: "${url}" }, connections: { count: 3, hold: 1s } } } ]
            """);
        await using var validate = WsLoadProcess.Start("validate", Path.Combine(_folder, "suite.yaml"));
        Assert.Equal(0, await validate.WaitForExitAsync(cts.Token));
        Assert.EndsWith("suite.yaml: ok (suite of 1 scenarios)", validate.StandardOutput.Trim(), StringComparison.Ordinal);

        var stored = new SuiteResult { Name = "stored", Verdict = SuiteVerdict.NoGo, Summary = ["NO-GO: 0 of 1 scenarios passed, 1 failed"], Scenarios = [new SuiteScenarioResult { Name = "one", Outcome = ScenarioOutcome.Failed, Reason = "NO-GO: availability" }] };
        var json = Path.Combine(_folder, "kept", "suite.json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        await SuiteResultJson.WriteAsync(stored, json, cts.Token);
        await using var report = WsLoadProcess.Start("report", json);

        Assert.Equal(0, await report.WaitForExitAsync(cts.Token));
        Assert.All(SuiteFiles.Where(f => f != "suite.json"), f => Assert.True(File.Exists(Path.Combine(_folder, "kept", f)), f));
        Assert.Contains("NO-GO: 0 of 1 scenarios passed, 1 failed", File.ReadAllText(Path.Combine(_folder, "kept", "suite.md")), StringComparison.Ordinal);
    }

    private static readonly string[] SuiteFiles = ["suite.json", "suite.html", "suite.md", "junit.xml"];

    private static async Task<IReadOnlyList<int>> WaitForChildrenAsync(WsLoadProcess wsload, CancellationToken cancellationToken)
    {
        while (true)
        {
            var children = Directory.EnumerateDirectories($"/proc/{wsload.Id}/task")
                .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))
                .ToList();
            if (children.Count > 0 && wsload.StandardError.Contains("long: starting", StringComparison.Ordinal))
            {
                return children;
            }

            Assert.False(wsload.HasExited, $"wsload ended before its scenario started: {wsload}");
            await Task.Delay(100, cancellationToken);
        }
    }

    // Gone, or a zombie its parent has not reaped yet: no longer running either way.
    private static async Task<bool> IsRunningAsync(int pid, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(')')[^1].TrimStart().StartsWith('Z'))
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }

        return true;
    }
}
